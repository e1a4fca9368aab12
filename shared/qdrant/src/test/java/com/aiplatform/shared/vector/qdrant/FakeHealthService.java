package com.aiplatform.shared.vector.qdrant;

import io.grpc.stub.StreamObserver;
import io.qdrant.client.grpc.QdrantGrpc;
import io.qdrant.client.grpc.QdrantOuterClass.HealthCheckReply;
import io.qdrant.client.grpc.QdrantOuterClass.HealthCheckRequest;

/** Qdrant's {@code HealthCheck}, answering as Qdrant does. */
final class FakeHealthService extends QdrantGrpc.QdrantImplBase {

    private final FakeQdrant qdrant;

    FakeHealthService(FakeQdrant qdrant) {
        this.qdrant = qdrant;
    }

    @Override
    public void healthCheck(HealthCheckRequest request, StreamObserver<HealthCheckReply> observer) {
        qdrant.record(request);
        FakeQdrant.respond(observer, () -> HealthCheckReply.newBuilder()
                .setTitle("qdrant - vector search engine").setVersion(FakeQdrant.VERSION).build());
    }
}
