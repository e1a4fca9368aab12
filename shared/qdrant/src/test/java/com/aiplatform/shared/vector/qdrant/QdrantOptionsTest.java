package com.aiplatform.shared.vector.qdrant;

import org.junit.jupiter.api.Test;

import java.net.URI;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class QdrantOptionsTest {

    @Test
    void should_use_plain_grpc_when_endpoint_is_http() {
        QdrantOptions options = QdrantOptions.fromEndpoint(URI.create("http://localhost:6334"), null, "chunks", 384);
        assertThat(options.host()).isEqualTo("localhost");
        assertThat(options.port()).isEqualTo(6334);
        assertThat(options.tls()).isFalse();
        assertThat(options.apiKey()).isNull();
    }

    @Test
    void should_use_tls_and_default_port_when_endpoint_is_https_without_port() {
        QdrantOptions options = QdrantOptions.fromEndpoint(URI.create("https://qdrant.example"), "key", "chunks", 384);
        assertThat(options.tls()).isTrue();
        assertThat(options.port()).isEqualTo(6334);
    }

    @Test
    void should_hide_api_key_when_printed() {
        QdrantOptions options = QdrantOptions.fromEndpoint(URI.create("https://q.example:443"), "s3cret", "c", 4);
        assertThat(options.toString()).doesNotContain("s3cret").contains("***");
    }

    @Test
    void should_refuse_endpoint_without_http_scheme() {
        assertThatThrownBy(() -> QdrantOptions.fromEndpoint(URI.create("localhost:6334"), null, "c", 4))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("http://");
    }
}
