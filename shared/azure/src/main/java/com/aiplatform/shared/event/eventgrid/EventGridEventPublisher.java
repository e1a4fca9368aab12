package com.aiplatform.shared.event.eventgrid;

import com.aiplatform.shared.azure.AzureCredentials;
import com.aiplatform.shared.azure.errors.AzureUnavailableException;
import com.aiplatform.shared.event.EventPublisher;
import com.aiplatform.shared.event.PlatformEvent;
import com.aiplatform.shared.json.Json;
import com.aiplatform.shared.settings.Settings;
import com.azure.core.credential.AzureKeyCredential;
import com.azure.core.exception.HttpResponseException;
import com.azure.core.http.HttpClient;
import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.core.models.CloudEvent;
import com.azure.core.models.CloudEventDataFormat;
import com.azure.core.util.BinaryData;
import com.azure.messaging.eventgrid.EventGridPublisherClient;
import com.azure.messaging.eventgrid.EventGridPublisherClientBuilder;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link EventPublisher} on an Event Grid custom topic with the CloudEvents 1.0 schema. The trace
 * context travels as the {@code traceparent} extension attribute (CloudEvents distributed tracing).
 */
public final class EventGridEventPublisher implements EventPublisher {

    public static final String TOPIC_ENDPOINT = "EVENT_GRID_TOPIC_ENDPOINT";
    /** A topic access key, for tests and local runs; in Azure the app's managed identity is used instead. */
    public static final String TOPIC_KEY = "EVENT_GRID_TOPIC_KEY";
    /** The client id of a user-assigned managed identity, if the app uses one. */
    public static final String CLIENT_ID = "AZURE_CLIENT_ID";

    private final EventGridPublisherClient<CloudEvent> client;

    public EventGridEventPublisher(EventGridPublisherClient<CloudEvent> client) {
        this.client = Objects.requireNonNull(client, "client");
    }

    public static EventGridEventPublisher fromSettings(Settings settings) {
        return fromSettings(settings, new JdkHttpClientBuilder().build());
    }

    /** Reads {@value #TOPIC_ENDPOINT} and either {@value #TOPIC_KEY} or the managed identity. */
    public static EventGridEventPublisher fromSettings(Settings settings, HttpClient http) {
        Settings.Reader reader = settings.reader();
        checkSettings(reader);
        reader.validate();
        String endpoint = reader.required(TOPIC_ENDPOINT);
        Optional<String> key = reader.optional(TOPIC_KEY);
        Optional<String> clientId = reader.optional(CLIENT_ID);
        EventGridPublisherClientBuilder builder = new EventGridPublisherClientBuilder().endpoint(endpoint).httpClient(http);
        if (key.isPresent()) {
            builder.credential(new AzureKeyCredential(key.get()));
        } else {
            builder.credential(AzureCredentials.of(clientId, http));
        }
        return new EventGridEventPublisher(builder.buildCloudEventPublisherClient());
    }

    /** Checks the topic settings into {@code read}: the endpoint is required, a key optional. */
    public static void checkSettings(Settings.Reader read) {
        read.required(TOPIC_ENDPOINT);
    }

    @Override
    public void publish(PlatformEvent event) {
        try {
            client.sendEvent(toCloudEvent(event));
        } catch (HttpResponseException e) {
            int status = e.getResponse() == null ? 0 : e.getResponse().getStatusCode();
            String message = "Event Grid refused event " + event.id() + " (" + event.type() + "): " + status;
            if (status == 400 || status == 413) {
                throw new IllegalArgumentException(message, e);
            }
            throw new AzureUnavailableException(message, status, e);
        }
    }

    static CloudEvent toCloudEvent(PlatformEvent event) {
        CloudEvent cloudEvent = new CloudEvent(event.source(), event.type(),
                BinaryData.fromBytes(Json.writeBytes(event.data())), CloudEventDataFormat.JSON, "application/json")
                .setId(event.id())
                .setTime(OffsetDateTime.ofInstant(event.time(), ZoneOffset.UTC));
        if (event.subject() != null) {
            cloudEvent.setSubject(event.subject());
        }
        if (event.traceparent() != null) {
            cloudEvent.addExtensionAttribute("traceparent", event.traceparent());
        }
        return cloudEvent;
    }
}
