package com.aiplatform.shared.azure;

import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.okhttp.OkHttpAsyncHttpClientBuilder;
import com.azure.core.util.Context;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BackgroundHttpClientTest {

    private HttpServer server;
    private String url;

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
        url = "http://127.0.0.1:" + server.getAddress().getPort() + "/hello";
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    @Test
    void should_build_the_transport_on_its_own_thread_and_send_through_it() {
        var builtOn = new AtomicReference<String>();
        BackgroundHttpClient client = BackgroundHttpClient.start(() -> {
            builtOn.set(Thread.currentThread().getName());
            return new OkHttpAsyncHttpClientBuilder().build();
        }, "storage-transport");

        try (HttpResponse sync = client.sendSync(new HttpRequest(HttpMethod.GET, url), Context.NONE);
                HttpResponse async = client.send(new HttpRequest(HttpMethod.GET, url)).block()) {
            assertThat(sync.getStatusCode()).isEqualTo(200);
            assertThat(sync.getBodyAsBinaryData().toString()).isEqualTo("hello");
            assertThat(async.getBodyAsString().block()).isEqualTo("hello");
        }
        assertThat(builtOn).hasValue("storage-transport");
    }

    @Test
    void should_fail_every_request_with_the_build_failure_itself() {
        BackgroundHttpClient client = BackgroundHttpClient.start(() -> {
            throw new IllegalStateException("no TLS provider");
        }, "storage-transport");

        assertThatThrownBy(() -> client.sendSync(new HttpRequest(HttpMethod.GET, url), Context.NONE))
                .isInstanceOf(IllegalStateException.class).hasMessage("no TLS provider");
        assertThatThrownBy(() -> client.send(new HttpRequest(HttpMethod.GET, url), Context.NONE).block())
                .isInstanceOf(IllegalStateException.class).hasMessage("no TLS provider");
    }
}
