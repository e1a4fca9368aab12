package com.aiplatform.shared.queue.azure;

import com.aiplatform.shared.azure.AzureStorageClients;
import com.aiplatform.shared.queue.WorkQueue;
import com.aiplatform.shared.azurite.Azurite;
import com.aiplatform.testing.azurite.AzuriteExtension;
import com.aiplatform.testing.contract.WorkQueueContract;
import com.azure.storage.queue.QueueServiceClientBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(AzuriteExtension.class)
class AzureStorageWorkQueueTest extends WorkQueueContract {

    private final AzureStorageClients clients;
    private final String connectionString;

    AzureStorageWorkQueueTest(Azurite azurite) {
        connectionString = azurite.connectionString();
        clients = AzureStorageClients.fromConnectionString(azurite.connectionString());
    }

    @Override
    protected WorkQueue openQueue() {
        return clients.workQueue();
    }

    @Test
    void should_store_body_as_base64_when_sent_so_queue_triggers_can_read_it() {
        String body = "{\"id\":\"ü\"}";
        clients.workQueue().send("encoding-check", body);

        String raw = new QueueServiceClientBuilder().connectionString(connectionString).buildClient()
                .getQueueClient("encoding-check").peekMessage().getMessageText();

        assertThat(raw).isEqualTo(Base64.getEncoder().encodeToString(body.getBytes(StandardCharsets.UTF_8)));
    }
}
