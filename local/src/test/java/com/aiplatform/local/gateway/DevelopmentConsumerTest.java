package com.aiplatform.local.gateway;

import com.aiplatform.local.LocalPlatform;
import com.aiplatform.local.RunningPlatform;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The development consumer, made through the real platform app's HTTP API on Azurite. */
class DevelopmentConsumerTest {

    @Test
    void should_keep_the_same_key_across_restarts_and_issue_a_new_one_when_the_file_is_lost(@TempDir Path data)
            throws Exception {
        String first;
        try (RunningPlatform platform = platformOnly(data)) {
            first = platform.developmentKey().orElseThrow();
            ResolvedSubscription subscription = consumers(platform).resolve(first).orElseThrow();
            assertThat(subscription.consumerId()).isEqualTo(DevelopmentConsumer.CONSUMER);
            assertThat(subscription.tenantId()).isEqualTo(DevelopmentConsumer.TENANT);
            assertThat(subscription.product()).isEqualTo(DevelopmentConsumer.PRODUCT);
            assertThat(subscription.roles()).containsExactlyInAnyOrder("admin", "platform-admin");
        }
        String second;
        try (RunningPlatform restarted = platformOnly(data)) {
            assertThat(restarted.developmentKey()).contains(first);

            Files.delete(data.resolve("gateway/development-key"));
            second = DevelopmentConsumer.ensure(consumers(restarted), data);

            assertThat(second).isNotEqualTo(first);
            assertThat(consumers(restarted).resolve(second)).map(ResolvedSubscription::consumerId)
                    .contains(DevelopmentConsumer.CONSUMER);
            assertThat(DevelopmentConsumer.ensure(consumers(restarted), data)).isEqualTo(second);
        }
        assertThat(Files.readString(data.resolve("gateway/development-key")).trim()).isEqualTo(second);
    }

    private static RunningPlatform platformOnly(Path data) {
        return LocalPlatform.builder().dataDir(data).port(0).apps(Set.of("platform")).build().start();
    }

    private static PlatformConsumers consumers(RunningPlatform platform) {
        return HttpPlatformConsumers.create(URI.create(platform.baseUrl()),
                platform.settings().get("PLATFORM_API_KEY").orElseThrow(), Duration.ofSeconds(5));
    }
}
