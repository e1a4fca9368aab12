package com.aiplatform.shared.vector.qdrant;

import io.grpc.stub.StreamObserver;
import io.qdrant.client.grpc.Collections.KeywordIndexParams;
import io.qdrant.client.grpc.Collections.PayloadIndexParams;
import io.qdrant.client.grpc.Collections.PayloadSchemaInfo;
import io.qdrant.client.grpc.Collections.PayloadSchemaType;
import io.qdrant.client.grpc.Common.Filter;
import io.qdrant.client.grpc.Points.CountPoints;
import io.qdrant.client.grpc.Points.CountResponse;
import io.qdrant.client.grpc.Points.CountResult;
import io.qdrant.client.grpc.Points.CreateFieldIndexCollection;
import io.qdrant.client.grpc.Points.DeletePoints;
import io.qdrant.client.grpc.Points.FieldType;
import io.qdrant.client.grpc.Points.PointsOperationResponse;
import io.qdrant.client.grpc.Points.QueryPoints;
import io.qdrant.client.grpc.Points.QueryResponse;
import io.qdrant.client.grpc.Points.UpdateResult;
import io.qdrant.client.grpc.Points.UpdateStatus;
import io.qdrant.client.grpc.Points.UpsertPoints;
import io.qdrant.client.grpc.PointsGrpc;

import java.util.function.ToLongFunction;

/** Qdrant's point operations that the adapter uses; the rest answer UNIMPLEMENTED. */
final class FakePointsService extends PointsGrpc.PointsImplBase {

    private final FakeQdrant qdrant;

    FakePointsService(FakeQdrant qdrant) {
        this.qdrant = qdrant;
    }

    @Override
    public void upsert(UpsertPoints request, StreamObserver<PointsOperationResponse> observer) {
        qdrant.record(request);
        update(request.getCollectionName(), request.getWait(), observer,
                collection -> collection.upsert(request.getPointsList()));
    }

    @Override
    public void delete(DeletePoints request, StreamObserver<PointsOperationResponse> observer) {
        qdrant.record(request);
        update(request.getCollectionName(), request.getWait(), observer, collection -> {
            switch (request.getPoints().getPointsSelectorOneOfCase()) {
                case FILTER:
                    collection.delete(request.getPoints().getFilter());
                    break;
                case POINTS:
                    collection.delete(request.getPoints().getPoints().getIdsList());
                    break;
                default:
                    throw FakeCollection.invalid("points selector is missing");
            }
            return collection.nextVersion();
        });
    }

    @Override
    public void createFieldIndex(CreateFieldIndexCollection request, StreamObserver<PointsOperationResponse> observer) {
        qdrant.record(request);
        update(request.getCollectionName(), request.getWait(), observer, collection -> {
            PayloadIndexParams params = request.getFieldIndexParams();
            boolean keywordParams = params.getIndexParamsCase() == PayloadIndexParams.IndexParamsCase.KEYWORD_INDEX_PARAMS;
            if (keywordParams && request.getFieldType() != FieldType.FieldTypeKeyword) {
                throw FakeCollection.invalid("field_index_params do not match field_type " + request.getFieldType());
            }
            PayloadSchemaInfo.Builder info = PayloadSchemaInfo.newBuilder()
                    .setDataType(PayloadSchemaType.forNumber(request.getFieldType().getNumber() + 1));
            if (request.hasFieldIndexParams()) {
                info.setParams(params);
            } else if (request.getFieldType() == FieldType.FieldTypeKeyword) {
                info.setParams(PayloadIndexParams.newBuilder()
                        .setKeywordIndexParams(KeywordIndexParams.getDefaultInstance()));
            }
            collection.payloadSchema().put(request.getFieldName(), info.build());
            return collection.nextVersion();
        });
    }

    @Override
    public void count(CountPoints request, StreamObserver<CountResponse> observer) {
        qdrant.record(request);
        FakeQdrant.respond(observer, () -> {
            FakeCollection collection = qdrant.existing(request.getCollectionName());
            Filter filter = request.hasFilter() ? request.getFilter() : Filter.getDefaultInstance();
            synchronized (collection) {
                return CountResponse.newBuilder()
                        .setResult(CountResult.newBuilder().setCount(collection.count(filter))).build();
            }
        });
    }

    @Override
    public void query(QueryPoints request, StreamObserver<QueryResponse> observer) {
        qdrant.record(request);
        FakeQdrant.respond(observer, () -> {
            FakeCollection collection = qdrant.existing(request.getCollectionName());
            synchronized (collection) {
                return QueryResponse.newBuilder().addAllResult(FakeSearch.query(collection, request)).build();
            }
        });
    }

    /** Applies a write; without {@code wait} Qdrant only acknowledges it, with it the write is complete. */
    private void update(String name, boolean wait, StreamObserver<PointsOperationResponse> observer,
                        ToLongFunction<FakeCollection> write) {
        FakeQdrant.respond(observer, () -> {
            FakeCollection collection = qdrant.existing(name);
            long operation;
            synchronized (collection) {
                operation = write.applyAsLong(collection);
            }
            return PointsOperationResponse.newBuilder().setResult(UpdateResult.newBuilder()
                    .setOperationId(operation)
                    .setStatus(wait ? UpdateStatus.Completed : UpdateStatus.Acknowledged)).build();
        });
    }
}
