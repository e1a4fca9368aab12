package com.aiplatform.local.gateway;

import com.aiplatform.platform.consumers.KeyEvents;
import com.aiplatform.platform.consumers.Subscription;
import com.aiplatform.platform.consumers.SubscriptionKeys;
import com.aiplatform.shared.event.PlatformEvent;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Remembers resolved keys (valid and invalid) for a short time, so that a request costs no table read;
 * APIM's policy caches the same lookup. Entries are kept under the key's SHA-256, as APIM keeps
 * {@code subscription-<hash>}, so a {@link KeyEvents#REVOKED} event (which names only the hash) drops
 * the entry at once; {@code ttl} bounds how long a missed event could leave a revoked key working.
 */
public final class CachedSubscriptions implements SubscriptionDirectory {

    private static final int MAX_ENTRIES = 10_000;

    private record Entry(Optional<Subscription> subscription, Instant expires) {
    }

    private final SubscriptionDirectory source;
    private final Duration ttl;
    private final Clock clock;
    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
    /** Counts revocations, so that a lookup that raced one does not put back what it read before it. */
    private final AtomicLong revocations = new AtomicLong();

    public CachedSubscriptions(SubscriptionDirectory source, Duration ttl, Clock clock) {
        this.source = source;
        this.ttl = ttl;
        this.clock = clock;
    }

    @Override
    public Optional<Subscription> resolve(String key) {
        Instant now = clock.instant();
        String hash = SubscriptionKeys.hash(key);
        Entry entry = entries.get(hash);
        if (entry != null && now.isBefore(entry.expires())) {
            return entry.subscription();
        }
        long seen = revocations.get();
        Optional<Subscription> resolved = source.resolve(key);
        if (entries.size() >= MAX_ENTRIES) {
            entries.clear();
        }
        entries.put(hash, new Entry(resolved, now.plus(ttl)));
        if (revocations.get() != seen) {
            entries.remove(hash);
        }
        return resolved;
    }

    /** Drops the entry of a key the platform app announced as revoked; other events are ignored. */
    public void onEvent(PlatformEvent event) {
        if (KeyEvents.REVOKED.equals(event.type())) {
            revocations.incrementAndGet();
            entries.remove(KeyEvents.keyHash(event));
        }
    }
}
