package com.aiplatform.shared.event.eventgrid;

import com.aiplatform.shared.azure.errors.AzureUnavailableException;
import com.aiplatform.shared.event.PlatformEvent;
import com.aiplatform.shared.json.Json;
import com.aiplatform.shared.settings.MissingSettingsException;
import com.aiplatform.shared.settings.Settings;
import com.azure.core.http.HttpClient;
import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventGridEventPublisherTest {

    private static final String KEY = "test-topic-key";
    private static final String TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    private static FakeEventGridTopic topic;
    private static EventGridEventPublisher publisher;

    @BeforeAll
    static void startTopic(@TempDir Path dir) {
        topic = new FakeEventGridTopic(dir);
        HttpClient http = new JdkHttpClientBuilder(java.net.http.HttpClient.newBuilder()
                .sslContext(topic.clientContext())).build();
        publisher = EventGridEventPublisher.fromSettings(Settings.of(Map.of(
                EventGridEventPublisher.TOPIC_ENDPOINT, topic.endpoint(),
                EventGridEventPublisher.TOPIC_KEY, KEY)), http);
    }

    @AfterAll
    static void stopTopic() {
        topic.close();
    }

    @BeforeEach
    void answerOk() {
        topic.answerWith(200);
    }

    private static PlatformEvent ingested(String subject, String traceparent) {
        return new PlatformEvent("evt-42", "/aiplatform/knowledge", "AiPlatform.Knowledge.DocumentIngested", subject,
                Instant.parse("2026-11-27T10:15:30.123Z"),
                Json.tree("{\"tenant\":\"acme\",\"documentId\":\"doc-7\",\"chunks\":12}"), traceparent);
    }

    @Test
    void should_post_cloudevents_batch_with_key_header_when_publishing() throws Exception {
        publisher.publish(ingested("tenants/acme/documents/doc-7", TRACEPARENT));

        FakeEventGridTopic.Request request = topic.nextRequest();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/api/events");
        assertThat(request.query()).contains("api-version=");
        assertThat(request.header("Content-Type")).isEqualTo("application/cloudevents-batch+json; charset=utf-8");
        assertThat(request.header("aeg-sas-key")).isEqualTo(KEY);

        JsonNode batch = Json.tree(request.body());
        assertThat(batch.isArray()).isTrue();
        assertThat(batch).hasSize(1);
        JsonNode event = batch.get(0);
        assertThat(event.get("specversion").asText()).isEqualTo("1.0");
        assertThat(event.get("id").asText()).isEqualTo("evt-42");
        assertThat(event.get("type").asText()).isEqualTo("AiPlatform.Knowledge.DocumentIngested");
        assertThat(event.get("source").asText()).isEqualTo("/aiplatform/knowledge");
        assertThat(event.get("subject").asText()).isEqualTo("tenants/acme/documents/doc-7");
        assertThat(Instant.parse(event.get("time").asText())).isEqualTo(Instant.parse("2026-11-27T10:15:30.123Z"));
        assertThat(event.get("datacontenttype").asText()).isEqualTo("application/json");
        assertThat(event.get("data")).isEqualTo(Json.tree("{\"tenant\":\"acme\",\"documentId\":\"doc-7\",\"chunks\":12}"));
        assertThat(event.get("traceparent").asText()).isEqualTo(TRACEPARENT);
    }

    @Test
    void should_leave_out_subject_and_traceparent_when_event_has_none() throws Exception {
        publisher.publish(ingested(null, null));

        JsonNode event = Json.tree(topic.nextRequest().body()).get(0);
        assertThat(event.has("subject")).isFalse();
        assertThat(event.has("traceparent")).isFalse();
        assertThat(event.get("id").asText()).isEqualTo("evt-42");
    }

    @Test
    void should_throw_illegal_argument_when_topic_rejects_event() throws Exception {
        topic.answerWith(400);

        assertThatThrownBy(() -> publisher.publish(ingested("s", null)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("evt-42");
        topic.nextRequest();
    }

    @Test
    void should_throw_unavailable_with_status_when_topic_forbids_publishing() throws Exception {
        topic.answerWith(403);

        assertThatThrownBy(() -> publisher.publish(ingested("s", null)))
                .isInstanceOfSatisfying(AzureUnavailableException.class, e -> assertThat(e.statusCode()).isEqualTo(403));
        topic.nextRequest();
    }

    @Test
    void should_name_missing_endpoint_when_settings_lack_it() {
        assertThatThrownBy(() -> EventGridEventPublisher.fromSettings(Settings.of(Map.of())))
                .isInstanceOf(MissingSettingsException.class)
                .hasMessageContaining(EventGridEventPublisher.TOPIC_ENDPOINT);
    }
}
