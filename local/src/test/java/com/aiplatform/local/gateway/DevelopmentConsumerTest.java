package com.aiplatform.local.gateway;

import com.aiplatform.platform.consumers.ConsumerRepository;
import com.aiplatform.platform.consumers.ConsumerService;
import com.aiplatform.platform.consumers.KeyEvents;
import com.aiplatform.platform.consumers.Products;
import com.aiplatform.platform.consumers.SubscriptionKeys;
import com.aiplatform.shared.table.memory.InMemoryTableStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

import static org.assertj.core.api.Assertions.assertThat;

class DevelopmentConsumerTest {

    private final ConsumerService consumers = new ConsumerService(
            new ConsumerRepository(new InMemoryTableStore(), "consumers", "keys"), new SubscriptionKeys(),
            Products.fromDefinition(), new KeyEvents(event -> { }, Clock.systemUTC()), Clock.systemUTC());

    @Test
    void should_keep_the_same_key_across_restarts_and_issue_a_new_one_when_the_file_is_lost(@TempDir Path data)
            throws Exception {
        String first = DevelopmentConsumer.ensure(consumers, data);
        assertThat(DevelopmentConsumer.ensure(consumers, data)).isEqualTo(first);
        var subscription = consumers.resolve(first).orElseThrow();
        assertThat(subscription.consumerId()).isEqualTo(DevelopmentConsumer.CONSUMER);
        assertThat(subscription.tenantId()).isEqualTo(DevelopmentConsumer.TENANT);
        assertThat(subscription.roles()).containsExactlyInAnyOrder("admin", "platform-admin");

        Files.delete(data.resolve("gateway/development-key"));
        String second = DevelopmentConsumer.ensure(consumers, data);

        assertThat(second).isNotEqualTo(first);
        assertThat(consumers.resolve(second)).isPresent();
        assertThat(Files.readString(data.resolve("gateway/development-key")).trim()).isEqualTo(second);
    }
}
