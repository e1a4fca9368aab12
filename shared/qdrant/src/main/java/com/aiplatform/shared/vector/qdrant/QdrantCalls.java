package com.aiplatform.shared.vector.qdrant;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;

import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/** Waits for a client call and turns every failure into a {@link QdrantStoreException}: the adapter's edge. */
final class QdrantCalls {

    private static final Set<Status.Code> RETRIABLE = Set.of(
            Status.Code.UNAVAILABLE, Status.Code.DEADLINE_EXCEEDED, Status.Code.RESOURCE_EXHAUSTED);

    private QdrantCalls() {
    }

    /**
     * The call's result. No local timeout: each call already carries a gRPC deadline, which ends it on
     * the server side too.
     */
    static <T> T await(Future<T> call, String what) {
        try {
            return call.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            call.cancel(true);
            throw new QdrantStoreException("Interrupted while waiting to " + what, "CANCELLED", false, e);
        } catch (ExecutionException e) {
            throw translate(e.getCause(), what);
        } catch (CancellationException e) {
            throw new QdrantStoreException("Qdrant call to " + what + " was cancelled", "CANCELLED", false, e);
        }
    }

    static QdrantStoreException translate(Throwable failure, String what) {
        Status status = Status.fromThrowable(failure);
        if (failure instanceof StatusRuntimeException || status.getCode() != Status.Code.UNKNOWN) {
            boolean retriable = RETRIABLE.contains(status.getCode());
            String detail = status.getDescription() == null ? "" : " (" + status.getDescription() + ")";
            return new QdrantStoreException("Qdrant could not " + what + ": " + status.getCode() + detail
                    + (retriable ? "; try again later" : ""), status.getCode().name(), retriable, failure);
        }
        return new QdrantStoreException("Qdrant could not " + what + ": " + failure.getMessage(),
                Status.Code.UNKNOWN.name(), false, failure);
    }
}
