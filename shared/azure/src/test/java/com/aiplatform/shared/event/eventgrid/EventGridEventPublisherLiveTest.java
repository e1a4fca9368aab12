package com.aiplatform.shared.event.eventgrid;

import com.aiplatform.shared.event.PlatformEvent;
import com.aiplatform.shared.json.Json;
import com.aiplatform.shared.settings.Settings;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Publishes to a real topic; runs only where {@code EVENT_GRID_TOPIC_ENDPOINT} is set (key or identity). */
class EventGridEventPublisherLiveTest {

    @Test
    void should_publish_to_real_topic_when_endpoint_is_configured() {
        Settings settings = Settings.fromEnvironment();
        assumeTrue(settings.get(EventGridEventPublisher.TOPIC_ENDPOINT).isPresent(),
                EventGridEventPublisher.TOPIC_ENDPOINT + " is not set");
        EventGridEventPublisher publisher = EventGridEventPublisher.fromSettings(settings);
        PlatformEvent event = new PlatformEvent(UUID.randomUUID().toString(), "/aiplatform/tests",
                "AiPlatform.Tests.LivePublish", "tests/live", Instant.now(), Json.tree("{\"check\":true}"),
                "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");

        assertThatCode(() -> publisher.publish(event)).doesNotThrowAnyException();
    }
}
