package com.aiplatform.shared.event.eventgrid;

import com.aiplatform.shared.event.CloudEventJson;
import com.aiplatform.shared.event.EventPublisher;
import com.aiplatform.shared.event.PlatformEvent;
import com.aiplatform.shared.json.Json;
import com.aiplatform.shared.settings.Settings;
import com.aiplatform.testing.contract.EventPublisherContract;
import com.azure.core.http.HttpClient;
import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The contract against a local HTTPS topic that speaks Event Grid's publish protocol. */
class EventGridEventPublisherContractTest extends EventPublisherContract {

    private static FakeEventGridTopic topic;
    private static EventGridEventPublisher publisher;

    @BeforeAll
    static void startTopic(@TempDir Path dir) {
        topic = new FakeEventGridTopic(dir);
        HttpClient http = new JdkHttpClientBuilder(java.net.http.HttpClient.newBuilder()
                .sslContext(topic.clientContext())).build();
        publisher = EventGridEventPublisher.fromSettings(Settings.of(Map.of(
                EventGridEventPublisher.TOPIC_ENDPOINT, topic.endpoint(),
                EventGridEventPublisher.TOPIC_KEY, "contract-key")), http);
    }

    @AfterAll
    static void stopTopic() {
        topic.close();
    }

    @Override
    protected EventPublisher publisher() {
        return publisher;
    }

    @Override
    protected List<PlatformEvent> delivered() {
        List<PlatformEvent> events = new ArrayList<>();
        for (FakeEventGridTopic.Request request : topic.received()) {
            for (JsonNode node : Json.tree(request.body())) {
                events.add(CloudEventJson.fromJson(node));
            }
        }
        return events;
    }
}
