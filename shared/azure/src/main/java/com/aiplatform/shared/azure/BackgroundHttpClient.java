package com.aiplatform.shared.azure;

import com.aiplatform.shared.concurrent.Await;
import com.azure.core.http.HttpClient;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.util.Context;
import reactor.core.publisher.Mono;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * An SDK {@link HttpClient} built on its own thread while the caller goes on composing the app; the first request
 * waits for it if it is not ready yet. Building the OkHttp transport (its TLS set-up, connection pool and
 * dispatcher) was about a quarter of the composition thread's samples at a small app's cold start, and nothing
 * else needs it before the first storage call. A failure to build reaches every request as itself.
 */
final class BackgroundHttpClient implements HttpClient {

    private final CompletableFuture<HttpClient> client = new CompletableFuture<>();

    private BackgroundHttpClient() {
    }

    /** Starts building with {@code factory} on a daemon thread named {@code threadName}. */
    static BackgroundHttpClient start(Supplier<HttpClient> factory, String threadName) {
        Objects.requireNonNull(factory, "factory");
        var background = new BackgroundHttpClient();
        Thread thread = new Thread(() -> {
            try {
                background.client.complete(Objects.requireNonNull(factory.get(), "factory returned no client"));
            } catch (RuntimeException | Error e) {
                background.client.completeExceptionally(e);
            }
        }, threadName);
        thread.setDaemon(true);
        thread.start();
        return background;
    }

    private HttpClient client() {
        return Await.result(client);
    }

    @Override
    public Mono<HttpResponse> send(HttpRequest request) {
        return Mono.fromFuture(client, true).flatMap(built -> built.send(request));
    }

    @Override
    public Mono<HttpResponse> send(HttpRequest request, Context context) {
        return Mono.fromFuture(client, true).flatMap(built -> built.send(request, context));
    }

    @Override
    public HttpResponse sendSync(HttpRequest request, Context context) {
        return client().sendSync(request, context);
    }
}
