package com.aiplatform.shared.http;

import java.io.IOException;
import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * A JDK {@link HttpClient} that is built on its first use. Building one starts its selector thread and loads the
 * TLS and HTTP/2 machinery, which the first request often does not need: the budget and knowledge clients, the
 * health probes, the model endpoint, content safety. With the storage transport built beside composition, platform
 * answers its first request 8-10 % sooner and research 0-6 % (docs/benchmarks.md, cold start). The cost moves to
 * the first call that sends, paid once.
 */
public final class LazyHttpClient extends HttpClient {

    private final Supplier<HttpClient> factory;
    private volatile HttpClient client;

    private LazyHttpClient(Supplier<HttpClient> factory) {
        this.factory = Objects.requireNonNull(factory, "factory");
    }

    /** A client that {@code factory} builds on first use. */
    public static LazyHttpClient of(Supplier<HttpClient> factory) {
        return new LazyHttpClient(factory);
    }

    /** A default client with {@code connectTimeout}, built on first use. */
    public static LazyHttpClient withConnectTimeout(Duration connectTimeout) {
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        return of(() -> HttpClient.newBuilder().connectTimeout(connectTimeout).build());
    }

    /** Whether the client has been built; for tests and diagnostics. */
    public boolean built() {
        return client != null;
    }

    private HttpClient client() {
        HttpClient built = client;
        if (built == null) {
            synchronized (this) {
                built = client;
                if (built == null) {
                    built = Objects.requireNonNull(factory.get(), "factory returned no client");
                    client = built;
                }
            }
        }
        return built;
    }

    @Override
    public Optional<CookieHandler> cookieHandler() {
        return client().cookieHandler();
    }

    @Override
    public Optional<Duration> connectTimeout() {
        return client().connectTimeout();
    }

    @Override
    public Redirect followRedirects() {
        return client().followRedirects();
    }

    @Override
    public Optional<ProxySelector> proxy() {
        return client().proxy();
    }

    @Override
    public SSLContext sslContext() {
        return client().sslContext();
    }

    @Override
    public SSLParameters sslParameters() {
        return client().sslParameters();
    }

    @Override
    public Optional<Authenticator> authenticator() {
        return client().authenticator();
    }

    @Override
    public Version version() {
        return client().version();
    }

    @Override
    public Optional<Executor> executor() {
        return client().executor();
    }

    @Override
    public WebSocket.Builder newWebSocketBuilder() {
        return client().newWebSocketBuilder();
    }

    @Override
    public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> responseBodyHandler)
            throws IOException, InterruptedException {
        return client().send(request, responseBodyHandler);
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request,
            HttpResponse.BodyHandler<T> responseBodyHandler) {
        return client().sendAsync(request, responseBodyHandler);
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request,
            HttpResponse.BodyHandler<T> responseBodyHandler, HttpResponse.PushPromiseHandler<T> pushPromiseHandler) {
        return client().sendAsync(request, responseBodyHandler, pushPromiseHandler);
    }
}
