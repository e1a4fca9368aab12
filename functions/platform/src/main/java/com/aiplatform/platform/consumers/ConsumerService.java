package com.aiplatform.platform.consumers;

import com.aiplatform.platform.access.Access;
import com.aiplatform.shared.identity.Caller;
import com.aiplatform.shared.identity.Readers;
import com.aiplatform.shared.identity.TenantId;
import com.aiplatform.shared.problem.ProblemException;
import com.aiplatform.shared.table.ConcurrencyException;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Consumers and their subscription keys. A consumer holds at most {@value #MAX_KEYS} keys, so a rotation
 * issues a new key while the previous one keeps working until the client has switched (then revoke it);
 * a third rotation retires the oldest. The gateway resolves keys through {@link #resolve(String)}; every key
 * that stops working is announced as a {@link KeyEvents#REVOKED} event, so gateways drop it from their caches.
 */
public final class ConsumerService {

    static final int MAX_KEYS = 2;
    private static final Pattern ROLE = Pattern.compile("[a-z0-9][a-z0-9.-]{0,62}");

    private final ConsumerRepository repository;
    private final SubscriptionKeys keys;
    private final Set<String> products;
    private final KeyEvents events;
    private final Clock clock;

    /** {@code products}: the ids a consumer may be given (the gateway definition's, {@link Products}). */
    public ConsumerService(ConsumerRepository repository, SubscriptionKeys keys, Set<String> products,
                           KeyEvents events, Clock clock) {
        this.repository = repository;
        this.keys = keys;
        this.products = Set.copyOf(products);
        this.events = events;
        this.clock = clock;
    }

    /** Creates a consumer with its first key (409 if the id is taken in that tenant). */
    public IssuedKey create(Caller caller, NewConsumer request) {
        TenantId tenant = Access.tenantFor(caller, request.tenantId());
        validate(request, products);
        Set<String> roles = new LinkedHashSet<>(request.roles() == null ? List.of() : request.roles());
        if (roles.contains(Access.PLATFORM_ADMIN) && !caller.hasRole(Access.PLATFORM_ADMIN)) {
            throw ProblemException.forbidden("Only a platform admin may grant '" + Access.PLATFORM_ADMIN + "'");
        }
        String key = keys.newKey();
        var stored = new ConsumerRepository.StoredKey(keys.newKeyId(), SubscriptionKeys.hash(key), clock.instant());
        Set<String> groups = new LinkedHashSet<>(request.groups() == null ? List.of() : request.groups());
        var consumer = new Consumer(request.consumerId(), tenant.value(), request.product(), roles, groups, clock.instant(),
                List.of(new Consumer.KeyInfo(stored.keyId(), stored.createdAt())));
        try {
            repository.insert(consumer, List.of(stored));
        } catch (ConcurrencyException e) {
            throw ProblemException.conflict("Consumer '" + request.consumerId() + "' already exists");
        }
        repository.index(stored, consumer);
        return new IssuedKey(consumer, stored.keyId(), key);
    }

    public List<Consumer> list(Caller caller, String tenantId) {
        return repository.list(Access.tenantFor(caller, tenantId).value());
    }

    public Consumer get(Caller caller, String tenantId, String consumerId) {
        return stored(Access.tenantOwning(caller, tenantId, "Consumer", consumerId), consumerId).consumer();
    }

    /** Issues a new key; the previous one stays valid, the one before it is retired. */
    public IssuedKey rotate(Caller caller, String tenantId, String consumerId) {
        TenantId tenant = Access.tenantOwning(caller, tenantId, "Consumer", consumerId);
        String key = keys.newKey();
        var fresh = new ConsumerRepository.StoredKey(keys.newKeyId(), SubscriptionKeys.hash(key), clock.instant());
        while (true) {
            ConsumerRepository.Stored current = stored(tenant, consumerId);
            List<ConsumerRepository.StoredKey> kept = new ArrayList<>(current.keys());
            kept.add(fresh);
            List<ConsumerRepository.StoredKey> retired = new ArrayList<>();
            while (kept.size() > MAX_KEYS) {
                retired.add(kept.remove(0));
            }
            Consumer updated = withKeys(current.consumer(), kept);
            try {
                repository.index(fresh, updated);
                repository.replaceKeys(updated, kept, current.etag());
            } catch (ConcurrencyException e) {
                continue;
            }
            retired.forEach(k -> {
                repository.unindex(k.hash());
                events.revoked(updated, k);
            });
            return new IssuedKey(updated, fresh.keyId(), key);
        }
    }

    /** Revokes one key; succeeds if it is already gone. */
    public void revoke(Caller caller, String tenantId, String consumerId, String keyId) {
        TenantId tenant = Access.tenantOwning(caller, tenantId, "Consumer", consumerId);
        while (true) {
            ConsumerRepository.Stored current = stored(tenant, consumerId);
            Optional<ConsumerRepository.StoredKey> key = current.keys().stream()
                    .filter(k -> k.keyId().equals(keyId)).findFirst();
            if (key.isEmpty()) {
                return;
            }
            repository.unindex(key.get().hash());
            List<ConsumerRepository.StoredKey> kept = current.keys().stream().filter(k -> !k.equals(key.get())).toList();
            try {
                repository.replaceKeys(withKeys(current.consumer(), kept), kept, current.etag());
                events.revoked(current.consumer(), key.get());
                return;
            } catch (ConcurrencyException e) {
                // changed meanwhile: read again
            }
        }
    }

    /** What a presented key stands for, if it is a current key of an existing consumer. */
    public Optional<Subscription> resolve(String key) {
        if (!SubscriptionKeys.plausible(key)) {
            return Optional.empty();
        }
        String hash = SubscriptionKeys.hash(key);
        return repository.lookup(hash).flatMap(owner -> repository.get(owner[0], owner[1]))
                .filter(stored -> stored.keys().stream().anyMatch(k -> k.hash().equals(hash)))
                .map(stored -> new Subscription(stored.consumer().consumerId(), stored.consumer().tenantId(),
                        stored.consumer().product(), stored.consumer().roles(), stored.consumer().groups()));
    }

    private ConsumerRepository.Stored stored(TenantId tenant, String consumerId) {
        return repository.get(tenant.value(), ConsumerIds.require(consumerId))
                .orElseThrow(() -> ProblemException.notFound("Consumer", consumerId));
    }

    private static Consumer withKeys(Consumer consumer, List<ConsumerRepository.StoredKey> keys) {
        return new Consumer(consumer.consumerId(), consumer.tenantId(), consumer.product(), consumer.roles(),
                consumer.groups(), consumer.createdAt(), keys.stream().map(k -> new Consumer.KeyInfo(k.keyId(), k.createdAt())).toList());
    }

    private static void validate(NewConsumer request, Set<String> products) {
        List<String> errors = new ArrayList<>();
        if (!ConsumerIds.valid(request.consumerId())) {
            errors.add(ConsumerIds.RULE);
        }
        if (request.product() == null || !products.contains(request.product())) {
            errors.add("product must be one of the gateway definition's products " + products);
        }
        if (request.roles() != null && request.roles().stream().anyMatch(r -> r == null || !ROLE.matcher(r).matches())) {
            errors.add("roles must be lower-case names");
        }
        if (request.groups() != null && (request.groups().size() > Readers.MAX_NAMES
                || request.groups().stream().anyMatch(g -> !Readers.valid(g)))) {
            errors.add("groups must hold at most " + Readers.MAX_NAMES + " names; " + Readers.RULE);
        }
        if (!errors.isEmpty()) {
            throw ProblemException.validation("The consumer is not valid", errors);
        }
    }
}
