package com.aiplatform.local.gateway;

import com.aiplatform.shared.concurrent.Await;
import com.aiplatform.shared.event.PlatformEvent;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Remembers resolved keys (valid and invalid) for a short time, so that a request costs no table read;
 * APIM's policy caches the same lookup. Entries are kept under the key's SHA-256 in lower-case hex, as APIM keeps
 * {@code subscription-<hash>}, so the platform app's {@value #KEY_REVOKED} CloudEvent (whose {@code data.keyHash}
 * names only that hash) drops the entry at once; {@code ttl} bounds how long a missed event could leave a revoked
 * key working. Lookups of one key that miss at the same time share one read of the source: the local source is an
 * HTTP call back into the same server, and a burst of one consumer's requests after its entry expired would
 * otherwise hold a request thread each while waiting for it.
 */
public final class CachedSubscriptions implements SubscriptionDirectory {

    /** The CloudEvent type the platform app publishes for a key that stopped working (revoked or retired). */
    public static final String KEY_REVOKED = "AiPlatform.Platform.SubscriptionKeyRevoked";

    private static final int MAX_ENTRIES = 10_000;

    private record Entry(Optional<ResolvedSubscription> subscription, Instant expires) {
    }

    private final SubscriptionDirectory source;
    private final Duration ttl;
    private final Clock clock;
    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
    /** The lookup under way for a key hash, which the other misses of that key wait for. */
    private final ConcurrentHashMap<String, CompletableFuture<Optional<ResolvedSubscription>>> reading =
            new ConcurrentHashMap<>();
    /** Counts revocations, so that a lookup that raced one does not put back what it read before it. */
    private final AtomicLong revocations = new AtomicLong();

    public CachedSubscriptions(SubscriptionDirectory source, Duration ttl, Clock clock) {
        this.source = source;
        this.ttl = ttl;
        this.clock = clock;
    }

    @Override
    public Optional<ResolvedSubscription> resolve(String key) {
        Instant now = clock.instant();
        String hash = keyHash(key);
        Entry entry = entries.get(hash);
        if (entry != null && now.isBefore(entry.expires())) {
            return entry.subscription();
        }
        var mine = new CompletableFuture<Optional<ResolvedSubscription>>();
        CompletableFuture<Optional<ResolvedSubscription>> underWay = reading.putIfAbsent(hash, mine);
        if (underWay != null) {
            return Await.result(underWay);
        }
        try {
            Optional<ResolvedSubscription> resolved = read(key, hash, now);
            mine.complete(resolved);
            return resolved;
        } catch (RuntimeException | Error e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            reading.remove(hash, mine);
        }
    }

    private Optional<ResolvedSubscription> read(String key, String hash, Instant now) {
        long seen = revocations.get();
        Optional<ResolvedSubscription> resolved = source.resolve(key);
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
        if (KEY_REVOKED.equals(event.type()) && event.data() != null) {
            revocations.incrementAndGet();
            entries.remove(event.data().path("keyHash").asText(""));
        }
    }

    /** The SHA-256 of the key in lower-case hex: what the platform stores and APIM's policy caches under. */
    static String keyHash(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
