package com.aiplatform.shared.http;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class LazyHttpClientTest {

    private HttpServer server;
    private URI uri;

    @BeforeEach
    void startServer() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/hello", exchange -> {
            byte[] body = "hello".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hello");
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    @Test
    void should_build_nothing_until_the_first_request_and_then_build_once() throws Exception {
        var builds = new AtomicInteger();
        LazyHttpClient client = LazyHttpClient.of(() -> {
            builds.incrementAndGet();
            return HttpClient.newHttpClient();
        });
        assertThat(builds).hasValue(0);
        assertThat(client.built()).isFalse();

        HttpResponse<String> first = client.send(HttpRequest.newBuilder(uri).build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> second = client.sendAsync(HttpRequest.newBuilder(uri).build(),
                HttpResponse.BodyHandlers.ofString()).join();

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.body()).isEqualTo("hello");
        assertThat(second.body()).isEqualTo("hello");
        assertThat(builds).hasValue(1);
        assertThat(client.built()).isTrue();
    }

    @Test
    void should_build_the_client_with_the_connect_timeout_it_was_given() {
        LazyHttpClient client = LazyHttpClient.withConnectTimeout(Duration.ofMillis(1234));

        assertThat(client.built()).isFalse();
        assertThat(client.connectTimeout()).contains(Duration.ofMillis(1234));
    }
}
