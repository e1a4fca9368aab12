package com.aiplatform.shared.vector.qdrant;

import com.google.protobuf.Message;
import io.qdrant.client.grpc.Collections.CreateCollection;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.StreamObserver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * An in-memory Qdrant served in process on the service definitions generated from Qdrant's own protos
 * (shipped in the client jar), so the real client and real protobuf messages are on the wire. It keeps
 * every request it answered, so tests can assert what the adapter sends; it can demand an API key, fail
 * the next call with a given status, or leave it unanswered until the caller's deadline passes.
 */
final class FakeQdrant implements AutoCloseable {

    static final String VERSION = "1.15.5";
    private static final Metadata.Key<String> API_KEY = Metadata.Key.of("api-key", Metadata.ASCII_STRING_MARSHALLER);

    private final String serverName = InProcessServerBuilder.generateName();
    private final Map<String, FakeCollection> collections = new LinkedHashMap<>();
    private final List<Message> requests = new CopyOnWriteArrayList<>();
    private final AtomicReference<Status> nextFailure = new AtomicReference<>();
    private final AtomicBoolean stallNext = new AtomicBoolean();
    private final String apiKey;
    private final Server server;

    private FakeQdrant(String apiKey) {
        this.apiKey = apiKey;
        ServerInterceptor gate = new Gate();
        InProcessServerBuilder builder = InProcessServerBuilder.forName(serverName)
                .addService(ServerInterceptors.intercept(new FakeCollectionsService(this), gate))
                .addService(ServerInterceptors.intercept(new FakePointsService(this), gate))
                .addService(ServerInterceptors.intercept(new FakeHealthService(this), gate));
        try {
            this.server = builder.build().start();
        } catch (IOException e) {
            throw new UncheckedIOException("The in-process Qdrant did not start", e);
        }
    }

    static FakeQdrant start() {
        return new FakeQdrant(null);
    }

    static FakeQdrant startWithApiKey(String apiKey) {
        return new FakeQdrant(apiKey);
    }

    ManagedChannel channel() {
        return InProcessChannelBuilder.forName(serverName).build();
    }

    /** The requests of one type that reached a service, oldest first. */
    <T extends Message> List<T> requests(Class<T> type) {
        return requests.stream().filter(type::isInstance).map(type::cast).toList();
    }

    void clearRequests() {
        requests.clear();
    }

    void failNext(Status status) {
        nextFailure.set(status);
    }

    void stallNext() {
        stallNext.set(true);
    }

    synchronized Optional<FakeCollection> collection(String name) {
        return Optional.ofNullable(collections.get(name));
    }

    void record(Message request) {
        requests.add(request);
    }

    synchronized void create(CreateCollection request) {
        String name = request.getCollectionName();
        if (name.isBlank()) {
            throw FakeCollection.invalid("Validation error in body: [collection_name: length is 0]");
        }
        if (collections.containsKey(name)) {
            throw FakeCollection.invalid("Collection `" + name + "` already exists!");
        }
        collections.put(name, new FakeCollection(request));
    }

    synchronized boolean delete(String name) {
        return collections.remove(name) != null;
    }

    synchronized FakeCollection existing(String name) {
        FakeCollection collection = collections.get(name);
        if (collection == null) {
            throw Status.NOT_FOUND.withDescription("Not found: Collection `" + name + "` doesn't exist!")
                    .asRuntimeException();
        }
        return collection;
    }

    static <T> void respond(StreamObserver<T> observer, Supplier<T> operation) {
        T response;
        try {
            response = operation.get();
        } catch (StatusRuntimeException e) {
            observer.onError(e);
            return;
        }
        observer.onNext(response);
        observer.onCompleted();
    }

    @Override
    public void close() {
        server.shutdownNow();
    }

    private final class Gate implements ServerInterceptor {

        @Override
        public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                                                           ServerCallHandler<Q, R> next) {
            if (apiKey != null && !apiKey.equals(headers.get(API_KEY))) {
                call.close(Status.UNAUTHENTICATED.withDescription("Invalid api-key"), new Metadata());
                return new ServerCall.Listener<>() { };
            }
            Status failure = nextFailure.getAndSet(null);
            if (failure != null) {
                call.close(failure, new Metadata());
                return new ServerCall.Listener<>() { };
            }
            if (stallNext.getAndSet(false)) {
                // Never answered: the client's deadline has to end it.
                return new ServerCall.Listener<>() { };
            }
            return next.startCall(call, headers);
        }
    }
}
