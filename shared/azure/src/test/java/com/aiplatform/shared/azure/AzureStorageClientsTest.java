package com.aiplatform.shared.azure;

import com.aiplatform.shared.settings.MissingSettingsException;
import com.aiplatform.shared.settings.Settings;
import com.aiplatform.shared.azurite.Azurite;
import com.aiplatform.testing.azurite.AzuriteExtension;
import com.aiplatform.shared.blob.BlobKey;
import com.aiplatform.shared.identity.TenantId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AzureStorageClientsTest {

    @Test
    @ExtendWith(AzuriteExtension.class)
    void should_reach_storage_when_named_connection_holds_connection_string(Azurite azurite) {
        AzureStorageClients clients = AzureStorageClients.fromSettings(
                Settings.of(Map.of("DocumentsStorage", azurite.connectionString())), "DocumentsStorage");

        clients.workQueue().createIfMissing("clients-check");

        assertThat(clients.workQueue().depth("clients-check")).isZero();
        assertThat(clients.blobServiceClient().getAccountUrl()).isEqualTo(azurite.blobEndpoint());
    }

    @Test
    @ExtendWith(AzuriteExtension.class)
    void should_share_one_store_of_each_kind_and_round_trip_a_blob(Azurite azurite) {
        AzureStorageClients clients = AzureStorageClients.fromConnectionString(azurite.connectionString());
        var key = new BlobKey("clients-check", TenantId.of("acme"), "note.txt");

        clients.blobStore().upsert(key, "hello".getBytes(StandardCharsets.UTF_8), "text/plain", Map.of());

        assertThat(clients.blobStore().get(key)).map(blob -> new String(blob.content(), StandardCharsets.UTF_8))
                .contains("hello");
        assertThat(clients.blobStore()).isSameAs(clients.blobStore());
        assertThat(clients.tableStore()).isSameAs(clients.tableStore());
        assertThat(clients.workQueue()).isSameAs(clients.workQueue());
    }

    @Test
    void should_reject_a_malformed_connection_string_at_composition() {
        assertThatThrownBy(() -> AzureStorageClients.fromSettings(
                Settings.of(Map.of("AzureWebJobsStorage", "not a connection string"))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void should_use_service_uris_when_connection_is_identity_based() {
        AzureStorageClients clients = AzureStorageClients.fromSettings(Settings.of(Map.of(
                "AzureWebJobsStorage__blobServiceUri", "https://stexample.blob.core.windows.net",
                "AzureWebJobsStorage__queueServiceUri", "https://stexample.queue.core.windows.net",
                "AzureWebJobsStorage__tableServiceUri", "https://stexample.table.core.windows.net",
                "AzureWebJobsStorage__clientId", "00000000-0000-0000-0000-000000000001")));

        assertThat(clients.blobServiceClient().getAccountUrl()).isEqualTo("https://stexample.blob.core.windows.net");
        assertThat(clients.queueServiceClient().getQueueServiceUrl()).isEqualTo("https://stexample.queue.core.windows.net");
        assertThat(clients.tableServiceClient().getServiceEndpoint()).isEqualTo("https://stexample.table.core.windows.net");
    }

    @Test
    void should_name_every_missing_uri_when_identity_settings_are_incomplete() {
        Settings settings = Settings.of(Map.of("AzureWebJobsStorage__blobServiceUri", "https://stexample.blob.core.windows.net"));

        assertThatThrownBy(() -> AzureStorageClients.fromSettings(settings))
                .isInstanceOf(MissingSettingsException.class)
                .hasMessageContaining("AzureWebJobsStorage__queueServiceUri")
                .hasMessageContaining("AzureWebJobsStorage__tableServiceUri")
                .hasMessageNotContaining("AzureWebJobsStorage__blobServiceUri is missing");
    }

    @Test
    void should_explain_both_forms_when_connection_is_absent() {
        assertThatThrownBy(() -> AzureStorageClients.fromSettings(Settings.of(Map.of()), "JobsStorage"))
                .isInstanceOf(MissingSettingsException.class)
                .hasMessageContaining("JobsStorage is missing")
                .hasMessageContaining("JobsStorage__blobServiceUri");
    }
}
