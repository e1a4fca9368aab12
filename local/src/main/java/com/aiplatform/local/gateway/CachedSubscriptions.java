package com.aiplatform.local.gateway;

import com.aiplatform.platform.consumers.Subscription;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers resolved keys (valid and invalid) for a short time, so that a request costs no table read;
 * APIM's policy caches the same lookup. A revoked key stops working within {@code ttl}.
 */
public final class CachedSubscriptions implements SubscriptionDirectory {

    private static final int MAX_ENTRIES = 10_000;

    private record Entry(Optional<Subscription> subscription, Instant expires) {
    }

    private final SubscriptionDirectory source;
    private final Duration ttl;
    private final Clock clock;
    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();

    public CachedSubscriptions(SubscriptionDirectory source, Duration ttl, Clock clock) {
        this.source = source;
        this.ttl = ttl;
        this.clock = clock;
    }

    @Override
    public Optional<Subscription> resolve(String key) {
        Instant now = clock.instant();
        Entry entry = entries.get(key);
        if (entry != null && now.isBefore(entry.expires())) {
            return entry.subscription();
        }
        Optional<Subscription> resolved = source.resolve(key);
        if (entries.size() >= MAX_ENTRIES) {
            entries.clear();
        }
        entries.put(key, new Entry(resolved, now.plus(ttl)));
        return resolved;
    }
}
