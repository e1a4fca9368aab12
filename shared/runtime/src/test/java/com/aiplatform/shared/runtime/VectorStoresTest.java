package com.aiplatform.shared.runtime;

import com.aiplatform.shared.settings.MissingSettingsException;
import com.aiplatform.shared.settings.Settings;
import com.aiplatform.shared.vector.VectorStore;
import com.aiplatform.shared.vector.lucene.LuceneVectorStore;
import com.aiplatform.shared.vector.qdrant.QdrantStoreException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VectorStoresTest {

    @TempDir
    Path data;

    @Test
    void should_open_a_lucene_index_under_the_app_data_dir_when_nothing_is_set() {
        VectorStores.Choice choice = VectorStores.choose(Settings.of(Map.of("DATA_DIR", data.toString())), "knowledge");

        assertThat(choice.backend()).isEqualTo(VectorStores.Backend.LUCENE);
        assertThat(choice.label()).isEqualTo("lucene");
        assertThat(choice.luceneIndexDir()).isEqualTo(data.resolve("knowledge").resolve("index"));
        try (VectorStore store = VectorStores.open(choice, 8)) {
            assertThat(store).isInstanceOf(LuceneVectorStore.class);
            assertThat(store.health().up()).isTrue();
        }
        assertThat(Files.isDirectory(data.resolve("knowledge").resolve("index"))).isTrue();
    }

    @Test
    void should_open_the_lucene_index_at_lucene_index_dir_when_vector_store_is_lucene() {
        Path index = data.resolve("elsewhere");
        VectorStores.Choice choice = VectorStores.choose(Settings.of(Map.of("VECTOR_STORE", "lucene",
                "LUCENE_INDEX_DIR", index.toString())), "knowledge");

        try (VectorStore store = VectorStores.open(choice, 8)) {
            assertThat(store).isInstanceOf(LuceneVectorStore.class);
        }
        assertThat(Files.isDirectory(index)).isTrue();
    }

    @Test
    void should_connect_with_the_qdrant_adapter_when_vector_store_is_qdrant() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        VectorStores.Choice choice = VectorStores.choose(Settings.of(Map.of("VECTOR_STORE", "QDRANT",
                "QDRANT_ENDPOINT", "http://127.0.0.1:" + closedPort, "QDRANT_API_KEY", "secret")), "knowledge");

        assertThat(choice.backend()).isEqualTo(VectorStores.Backend.QDRANT);
        assertThat(choice.qdrantEndpoint()).contains(URI.create("http://127.0.0.1:" + closedPort));
        assertThat(choice.qdrantApiKey()).contains("secret");
        assertThat(choice.qdrantCollection()).isEqualTo("knowledge-chunks");
        // Nothing listens there: the Qdrant adapter's own error shows that it is the one that tried.
        assertThatThrownBy(() -> VectorStores.open(choice, 8)).isInstanceOf(QdrantStoreException.class);
    }

    @Test
    void should_name_the_problem_when_vector_store_is_unknown() {
        assertThatThrownBy(() -> VectorStores.choose(Settings.of(Map.of("VECTOR_STORE", "pinecone")), "knowledge"))
                .isInstanceOfSatisfying(MissingSettingsException.class, e -> assertThat(e.problems())
                        .containsExactly("VECTOR_STORE must be one of [LUCENE, QDRANT], not 'pinecone'"));
    }

    @Test
    void should_name_the_endpoint_when_qdrant_has_none_or_a_malformed_one() {
        assertThatThrownBy(() -> VectorStores.choose(Settings.of(Map.of("VECTOR_STORE", "qdrant")), "knowledge"))
                .isInstanceOfSatisfying(MissingSettingsException.class, e -> assertThat(e.problems())
                        .containsExactly("QDRANT_ENDPOINT is missing"));
        assertThatThrownBy(() -> VectorStores.choose(Settings.of(Map.of("VECTOR_STORE", "qdrant",
                "QDRANT_ENDPOINT", "qdrant:6334")), "knowledge"))
                .isInstanceOfSatisfying(MissingSettingsException.class, e -> assertThat(e.problems()).singleElement()
                        .asString().startsWith("QDRANT_ENDPOINT: Qdrant endpoint must start with http:// or https://"));
    }
}
