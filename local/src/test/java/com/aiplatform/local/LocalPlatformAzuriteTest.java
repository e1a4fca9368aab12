package com.aiplatform.local;

import com.aiplatform.local.sample.SampleApp;
import com.aiplatform.local.sample.SamplePlatform;
import com.aiplatform.local.settings.LocalSettings;
import com.aiplatform.shared.settings.Settings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The platform starts the pinned Azurite itself, keeps its files in the data folder and stops it on close. */
class LocalPlatformAzuriteTest {

    private final HttpClient client = HttpClient.newHttpClient();

    @Test
    void should_give_apps_azurite_and_the_data_folder_when_started_without_storage(@TempDir Path data) throws Exception {
        String queueEndpoint;
        try (RunningPlatform platform = LocalPlatform.builder().port(0).dataDir(data).environment(java.util.Map.of())
                .apps(java.util.Set.of("sample")).settings(java.util.Map.of("SAMPLE_QUEUE", SamplePlatform.QUEUE))
                .build().start()) {
            Settings seen = ((SampleApp) platform.apps().get(0).app()).settings();
            String storage = seen.get(LocalSettings.STORAGE).orElseThrow();
            assertThat(storage).contains("AccountName=devstoreaccount1").contains("http://127.0.0.1:");
            assertThat(seen.get(LocalSettings.DATA_DIR)).hasValue(data.toAbsolutePath().toString());
            queueEndpoint = endpoint(storage, "QueueEndpoint");

            HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(queueEndpoint + "?comp=list"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.headers().firstValue("server")).hasValueSatisfying(s -> assertThat(s).contains("Azurite"));
        }
        assertThat(Files.list(data.resolve("azurite"))).isNotEmpty();
        assertThatThrownBy(() -> client.send(HttpRequest.newBuilder(URI.create(queueEndpoint)).build(),
                HttpResponse.BodyHandlers.discarding())).isInstanceOf(ConnectException.class);
    }

    private static String endpoint(String connectionString, String name) throws IOException {
        Matcher m = Pattern.compile(name + "=([^;]+)").matcher(connectionString);
        if (!m.find()) {
            throw new IOException(name + " missing from " + connectionString);
        }
        return m.group(1);
    }
}
