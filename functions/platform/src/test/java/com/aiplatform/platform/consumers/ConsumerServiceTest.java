package com.aiplatform.platform.consumers;

import com.aiplatform.platform.Callers;
import com.aiplatform.shared.event.PlatformEvent;
import com.aiplatform.shared.problem.ProblemException;
import com.aiplatform.shared.table.memory.InMemoryTableStore;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConsumerServiceTest {

    private final InMemoryTableStore tables = new InMemoryTableStore();
    private final List<PlatformEvent> events = new CopyOnWriteArrayList<>();
    private final ConsumerService consumers = new ConsumerService(new ConsumerRepository(tables, "consumers", "keys"),
            new SubscriptionKeys(), Products.fromDefinition(), new KeyEvents(events::add, Clock.systemUTC()),
            Clock.systemUTC());

    @Test
    void should_resolve_the_new_key_to_the_consumer_when_created() {
        IssuedKey issued = consumers.create(Callers.admin("acme"), new NewConsumer("shop", null, "starter", List.of("reader")));

        assertThat(issued.key()).startsWith("aip_");
        assertThat(consumers.resolve(issued.key())).hasValue(new Subscription("shop", "acme", "starter",
                java.util.Set.of("reader")));
        assertThat(consumers.resolve(issued.key() + "x")).isEmpty();
        assertThat(consumers.resolve("aip_" + "A".repeat(43))).isEmpty();
    }

    @Test
    void should_resolve_the_key_with_the_consumers_groups_when_created_with_groups() {
        IssuedKey issued = consumers.create(Callers.admin("acme"),
                new NewConsumer("hr-app", null, "starter", List.of(), List.of("hr", "managers")));

        assertThat(issued.consumer().groups()).containsExactlyInAnyOrder("hr", "managers");
        assertThat(consumers.resolve(issued.key()).orElseThrow().groups()).containsExactlyInAnyOrder("hr", "managers");
        assertThat(consumers.get(Callers.admin("acme"), null, "hr-app").groups()).containsExactlyInAnyOrder("hr", "managers");
        assertThatThrownBy(() -> consumers.create(Callers.admin("acme"),
                new NewConsumer("bad-groups", null, "starter", null, List.of("a,b"))))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.status()).isEqualTo(400));
    }

    @Test
    void should_store_only_the_hash_when_keeping_a_key() {
        IssuedKey issued = consumers.create(Callers.admin("acme"), new NewConsumer("shop", null, "starter", null));

        String everything = tables.list("consumers", "acme").toString()
                + tables.list("keys", SubscriptionKeys.hash(issued.key()).substring(0, 2));
        assertThat(everything).doesNotContain(issued.key()).contains(SubscriptionKeys.hash(issued.key()));
    }

    @Test
    void should_keep_the_previous_key_and_retire_the_one_before_when_rotating() {
        IssuedKey first = consumers.create(Callers.admin("acme"), new NewConsumer("shop", null, "starter", null));
        IssuedKey second = consumers.rotate(Callers.admin("acme"), null, "shop");
        assertThat(consumers.resolve(first.key())).isPresent();
        assertThat(consumers.resolve(second.key())).isPresent();

        IssuedKey third = consumers.rotate(Callers.admin("acme"), null, "shop");

        assertThat(consumers.resolve(first.key())).isEmpty();
        assertThat(consumers.resolve(second.key())).isPresent();
        assertThat(consumers.resolve(third.key())).isPresent();
        assertThat(consumers.get(Callers.admin("acme"), null, "shop").keys()).hasSize(2);
    }

    @Test
    void should_stop_resolving_a_key_when_revoked() {
        IssuedKey issued = consumers.create(Callers.admin("acme"), new NewConsumer("shop", null, "starter", null));

        consumers.revoke(Callers.admin("acme"), null, "shop", issued.keyId());
        consumers.revoke(Callers.admin("acme"), null, "shop", issued.keyId());

        assertThat(consumers.resolve(issued.key())).isEmpty();
        assertThat(consumers.get(Callers.admin("acme"), null, "shop").keys()).isEmpty();
    }

    @Test
    void should_announce_the_key_hash_when_a_key_is_revoked_or_retired_by_a_rotation() {
        IssuedKey first = consumers.create(Callers.admin("acme"), new NewConsumer("shop", null, "starter", null));
        IssuedKey second = consumers.rotate(Callers.admin("acme"), null, "shop");
        assertThat(events).isEmpty();

        consumers.rotate(Callers.admin("acme"), null, "shop");
        consumers.revoke(Callers.admin("acme"), null, "shop", second.keyId());
        consumers.revoke(Callers.admin("acme"), null, "shop", second.keyId());

        assertThat(events).extracting(PlatformEvent::type).containsOnly(KeyEvents.REVOKED);
        assertThat(events).extracting(KeyEvents::keyHash)
                .containsExactly(SubscriptionKeys.hash(first.key()), SubscriptionKeys.hash(second.key()));
        assertThat(events.get(1).subject()).isEqualTo("tenants/acme/consumers/shop/keys/" + second.keyId());
        assertThat(events.toString()).doesNotContain(first.key()).doesNotContain(second.key());
    }

    @Test
    void should_answer_404_for_another_tenants_consumer_even_when_named_and_403_for_creating_in_another_tenant() {
        IssuedKey issued = consumers.create(Callers.admin("acme"), new NewConsumer("shop", null, "starter", null));

        assertThatThrownBy(() -> consumers.get(Callers.admin("globex"), null, "shop"))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.status()).isEqualTo(404));
        assertThatThrownBy(() -> consumers.get(Callers.admin("globex"), "acme", "shop"))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.status()).isEqualTo(404));
        assertThatThrownBy(() -> consumers.get(Callers.admin("globex"), "acme", "nobody"))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.status()).isEqualTo(404));
        assertThatThrownBy(() -> consumers.rotate(Callers.admin("globex"), "acme", "shop"))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.status()).isEqualTo(404));
        assertThatThrownBy(() -> consumers.revoke(Callers.admin("globex"), "acme", "shop", issued.keyId()))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.status()).isEqualTo(404));
        assertThat(consumers.resolve(issued.key())).isPresent();
        assertThatThrownBy(() -> consumers.create(Callers.admin("globex"), new NewConsumer("shop", "acme", "starter", null)))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.status()).isEqualTo(403));
        assertThatThrownBy(() -> consumers.get(Callers.consumer("bob", "acme"), "acme", "shop"))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.status()).isEqualTo(403));
        assertThat(consumers.get(Callers.platformAdmin(), "acme", "shop").tenantId()).isEqualTo("acme");
    }

    @Test
    void should_refuse_non_admins_duplicates_and_bad_input() {
        assertThatThrownBy(() -> consumers.create(Callers.consumer("bob", "acme"), new NewConsumer("x", null, "starter", null)))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.status()).isEqualTo(403));
        consumers.create(Callers.admin("acme"), new NewConsumer("shop", null, "starter", null));
        assertThatThrownBy(() -> consumers.create(Callers.admin("acme"), new NewConsumer("shop", null, "starter", null)))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.status()).isEqualTo(409));
        assertThatThrownBy(() -> consumers.create(Callers.admin("acme"), new NewConsumer("Bad Id", null, "", null)))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.status()).isEqualTo(400));
        assertThatThrownBy(() -> consumers.create(Callers.admin("acme"), new NewConsumer("shop2", null, "gold", null)))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.getMessage() + e.problem().extensions())
                        .contains("development", "starter", "standard"));
        assertThatThrownBy(() -> consumers.create(Callers.admin("acme"),
                new NewConsumer("root", null, "starter", List.of("platform-admin"))))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.status()).isEqualTo(403));
    }

    @Test
    void should_refuse_with_400_before_any_storage_call_when_a_path_id_or_tenant_breaks_the_id_rule() {
        for (String bad : List.of("a/b", "a\\b", "a\r\nb", "a\u0000b", "x".repeat(1025), "..", "''", "UPPER")) {
            assertThatThrownBy(() -> consumers.get(Callers.admin("acme"), null, bad))
                    .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.status()).isEqualTo(400));
            assertThatThrownBy(() -> consumers.rotate(Callers.admin("acme"), null, bad))
                    .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.status()).isEqualTo(400));
            assertThatThrownBy(() -> consumers.list(Callers.platformAdmin(), bad))
                    .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.status()).isEqualTo(400));
        }
        assertThat(tables.list("consumers", "acme")).isEmpty();
    }
}
