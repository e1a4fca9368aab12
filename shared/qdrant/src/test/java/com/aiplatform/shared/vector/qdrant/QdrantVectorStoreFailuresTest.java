package com.aiplatform.shared.vector.qdrant;

import com.aiplatform.shared.identity.TenantId;
import com.aiplatform.shared.vector.VectorQuery;
import com.aiplatform.shared.vector.VectorRecord;
import com.aiplatform.shared.vector.VectorStore;
import io.grpc.Status;
import io.qdrant.client.grpc.Points.UpsertPoints;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** How the adapter reports what goes wrong: clear unchecked exceptions that say whether to retry. */
class QdrantVectorStoreFailuresTest {

    private static final TenantId ACME = TenantId.of("acme");
    private static final float[] VECTOR = {1, 0, 0, 0};

    private final FakeQdrant qdrant = FakeQdrant.start();

    @AfterEach
    void stop() {
        qdrant.close();
    }

    private QdrantVectorStore open(QdrantOptions options) {
        return QdrantVectorStore.open(qdrant.channel(), options);
    }

    @Test
    void should_throw_retriable_exception_when_qdrant_is_unavailable() {
        try (QdrantVectorStore store = open(QdrantVectorStoreContractTest.options())) {
            qdrant.failNext(Status.UNAVAILABLE.withDescription("connection refused"));
            assertThatThrownBy(() -> store.count(ACME))
                    .isInstanceOfSatisfying(QdrantStoreException.class, e -> {
                        assertThat(e.retriable()).isTrue();
                        assertThat(e.status()).isEqualTo("UNAVAILABLE");
                        assertThat(e).hasMessageContaining("count points in chunks").hasMessageContaining("connection refused");
                    });
        }
    }

    @Test
    void should_throw_retriable_exception_when_qdrant_is_overloaded() {
        try (QdrantVectorStore store = open(QdrantVectorStoreContractTest.options())) {
            qdrant.failNext(Status.RESOURCE_EXHAUSTED);
            assertThatThrownBy(() -> store.search(VectorQuery.dense(ACME, java.util.Set.of("tenant"), VECTOR, 3, Map.of())))
                    .isInstanceOfSatisfying(QdrantStoreException.class, e -> assertThat(e.retriable()).isTrue());
        }
    }

    @Test
    void should_throw_non_retriable_exception_when_qdrant_rejects_request() {
        try (QdrantVectorStore store = open(QdrantVectorStoreContractTest.options())) {
            qdrant.failNext(Status.INVALID_ARGUMENT.withDescription("Wrong input: bad filter"));
            assertThatThrownBy(() -> store.deleteDocument(ACME, "doc-a"))
                    .isInstanceOfSatisfying(QdrantStoreException.class, e -> {
                        assertThat(e.retriable()).isFalse();
                        assertThat(e.status()).isEqualTo("INVALID_ARGUMENT");
                    });
        }
    }

    @Test
    void should_end_call_at_deadline_with_retriable_exception_when_qdrant_does_not_answer() {
        QdrantOptions options = QdrantVectorStoreContractTest.options()
                .withTimeouts(Duration.ofMillis(300), Duration.ofSeconds(5));
        try (QdrantVectorStore store = open(options)) {
            qdrant.stallNext();
            assertThatThrownBy(() -> store.search(VectorQuery.keyword(ACME, java.util.Set.of("tenant"), "refund", 3, Map.of())))
                    .isInstanceOfSatisfying(QdrantStoreException.class, e -> {
                        assertThat(e.retriable()).isTrue();
                        assertThat(e.status()).isEqualTo("DEADLINE_EXCEEDED");
                    });
        }
    }

    @Test
    void should_report_down_with_reason_when_health_check_fails() {
        try (QdrantVectorStore store = open(QdrantVectorStoreContractTest.options())) {
            qdrant.failNext(Status.UNAVAILABLE.withDescription("no route"));
            VectorStore.HealthStatus health = store.health();
            assertThat(health.up()).isFalse();
            assertThat(health.detail()).contains("UNAVAILABLE", "no route");
            assertThat(store.health()).isEqualTo(new VectorStore.HealthStatus(true,
                    "Qdrant " + FakeQdrant.VERSION + ", collection chunks"));
        }
    }

    @Test
    void should_refuse_to_open_when_existing_collection_has_other_dimensions() {
        open(QdrantVectorStoreContractTest.options()).close();
        QdrantOptions larger = new QdrantOptions("in-process", 6334, false, null, "chunks", 384,
                Duration.ofSeconds(5), Duration.ofSeconds(5));

        assertThatThrownBy(() -> open(larger))
                .isInstanceOfSatisfying(QdrantStoreException.class, e -> {
                    assertThat(e.retriable()).isFalse();
                    assertThat(e).hasMessageContaining("384-dimensional").hasMessageContaining("chunks");
                });
    }

    @Test
    void should_refuse_record_with_wrong_dimensions_before_sending_anything() {
        try (QdrantVectorStore store = open(QdrantVectorStoreContractTest.options())) {
            VectorRecord wrong = new VectorRecord(ACME, "a1", "doc-a", "text", new float[] {1, 0}, Map.of(), java.util.Set.of("tenant"));
            assertThatThrownBy(() -> store.upsert(List.of(wrong)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2 dimensions");
            assertThat(qdrant.requests(UpsertPoints.class)).isEmpty();
        }
    }

    @Test
    void should_throw_retriable_exception_when_nothing_listens_at_endpoint() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        QdrantOptions options = QdrantOptions.fromEndpoint(URI.create("http://127.0.0.1:" + port), null, "chunks", 4);

        assertThatThrownBy(() -> QdrantVectorStore.open(options))
                .isInstanceOfSatisfying(QdrantStoreException.class, e -> {
                    assertThat(e.retriable()).isTrue();
                    assertThat(e.status()).isEqualTo("UNAVAILABLE");
                });
    }

    @Test
    void should_send_api_key_when_configured() {
        qdrant.close();
        try (FakeQdrant secured = FakeQdrant.startWithApiKey("s3cret")) {
            QdrantOptions base = QdrantVectorStoreContractTest.options();
            QdrantOptions withKey = new QdrantOptions(base.host(), base.port(), false, "s3cret", base.collection(),
                    base.dimensions(), base.readTimeout(), base.writeTimeout());
            try (QdrantVectorStore store = QdrantVectorStore.open(secured.channel(), withKey)) {
                assertThat(store.count(ACME)).isZero();
            }
            assertThatThrownBy(() -> QdrantVectorStore.open(secured.channel(), base))
                    .isInstanceOfSatisfying(QdrantStoreException.class, e -> {
                        assertThat(e.retriable()).isFalse();
                        assertThat(e.status()).isEqualTo("UNAUTHENTICATED");
                    });
        }
    }
}
