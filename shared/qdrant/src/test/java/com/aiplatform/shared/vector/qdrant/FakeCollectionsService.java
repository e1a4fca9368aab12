package com.aiplatform.shared.vector.qdrant;

import io.grpc.stub.StreamObserver;
import io.qdrant.client.grpc.Collections.CollectionExists;
import io.qdrant.client.grpc.Collections.CollectionExistsRequest;
import io.qdrant.client.grpc.Collections.CollectionExistsResponse;
import io.qdrant.client.grpc.Collections.CollectionOperationResponse;
import io.qdrant.client.grpc.Collections.CreateCollection;
import io.qdrant.client.grpc.Collections.DeleteCollection;
import io.qdrant.client.grpc.Collections.GetCollectionInfoRequest;
import io.qdrant.client.grpc.Collections.GetCollectionInfoResponse;
import io.qdrant.client.grpc.CollectionsGrpc;

/** Qdrant's collection operations that the adapter uses; the rest answer UNIMPLEMENTED. */
final class FakeCollectionsService extends CollectionsGrpc.CollectionsImplBase {

    private final FakeQdrant qdrant;

    FakeCollectionsService(FakeQdrant qdrant) {
        this.qdrant = qdrant;
    }

    @Override
    public void create(CreateCollection request, StreamObserver<CollectionOperationResponse> observer) {
        qdrant.record(request);
        FakeQdrant.respond(observer, () -> {
            qdrant.create(request);
            return CollectionOperationResponse.newBuilder().setResult(true).build();
        });
    }

    @Override
    public void collectionExists(CollectionExistsRequest request, StreamObserver<CollectionExistsResponse> observer) {
        qdrant.record(request);
        FakeQdrant.respond(observer, () -> CollectionExistsResponse.newBuilder()
                .setResult(CollectionExists.newBuilder()
                        .setExists(qdrant.collection(request.getCollectionName()).isPresent()))
                .build());
    }

    @Override
    public void get(GetCollectionInfoRequest request, StreamObserver<GetCollectionInfoResponse> observer) {
        qdrant.record(request);
        FakeQdrant.respond(observer, () -> {
            FakeCollection collection = qdrant.existing(request.getCollectionName());
            synchronized (collection) {
                return GetCollectionInfoResponse.newBuilder().setResult(collection.info()).build();
            }
        });
    }

    @Override
    public void delete(DeleteCollection request, StreamObserver<CollectionOperationResponse> observer) {
        qdrant.record(request);
        FakeQdrant.respond(observer, () -> CollectionOperationResponse.newBuilder()
                .setResult(qdrant.delete(request.getCollectionName())).build());
    }
}
