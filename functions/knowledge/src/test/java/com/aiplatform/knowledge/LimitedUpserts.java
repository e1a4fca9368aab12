package com.aiplatform.knowledge;

import com.aiplatform.shared.identity.TenantId;
import com.aiplatform.shared.vector.VectorMatch;
import com.aiplatform.shared.vector.VectorQuery;
import com.aiplatform.shared.vector.VectorRecord;
import com.aiplatform.shared.vector.VectorStore;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** A real store that takes only so many more writes, as an index going down halfway through an ingest would. */
public record LimitedUpserts(VectorStore delegate, AtomicInteger allowed) implements VectorStore {

    @Override
    public void upsert(List<VectorRecord> records) {
        if (allowed.getAndDecrement() <= 0) {
            throw new IllegalStateException("index unavailable");
        }
        delegate.upsert(records);
    }

    @Override
    public List<VectorMatch> search(VectorQuery query) {
        return delegate.search(query);
    }

    @Override
    public void deleteDocument(TenantId tenant, String documentId) {
        delegate.deleteDocument(tenant, documentId);
    }

    @Override
    public void deleteDocument(TenantId tenant, String documentId, Map<String, String> metadata) {
        delegate.deleteDocument(tenant, documentId, metadata);
    }

    @Override
    public long count(TenantId tenant) {
        return delegate.count(tenant);
    }

    @Override
    public HealthStatus health() {
        return delegate.health();
    }

    @Override
    public void close() {
        delegate.close();
    }
}
