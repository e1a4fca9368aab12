package com.aiplatform.shared.vector.lucene;

import com.aiplatform.shared.identity.TenantId;
import com.aiplatform.shared.vector.VectorMatch;
import com.aiplatform.shared.vector.VectorQuery;
import com.aiplatform.shared.vector.VectorRecord;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.BytesRef;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The index layout: how a {@link VectorRecord} becomes a Lucene document and a hit becomes a {@link VectorMatch}. */
final class ChunkDocuments {

    static final String TENANT = "tenant";
    /** tenant + ':' + id; the tenant alphabet has no ':', so the key is unambiguous. */
    static final String KEY = "key";
    static final String ID = "id";
    static final String DOCUMENT_ID = "documentId";
    static final String TEXT = "text";
    static final String VECTOR = "vector";
    static final String META_PREFIX = "meta.";
    /** One indexed term per reader principal; a chunk without the field matches no search. */
    static final String READERS = "readers";

    private final VectorSimilarityFunction similarity;

    ChunkDocuments(VectorSimilarityFunction similarity) {
        this.similarity = similarity;
    }

    static Term key(TenantId tenant, String id) {
        return new Term(KEY, tenant.value() + ':' + id);
    }

    Document toDocument(VectorRecord record) {
        Document doc = new Document();
        doc.add(new StringField(TENANT, record.tenant().value(), Field.Store.NO));
        doc.add(new StringField(KEY, key(record.tenant(), record.id()).text(), Field.Store.NO));
        doc.add(new StringField(ID, record.id(), Field.Store.YES));
        doc.add(new StringField(DOCUMENT_ID, record.documentId(), Field.Store.YES));
        doc.add(new TextField(TEXT, record.text(), Field.Store.YES));
        doc.add(new KnnFloatVectorField(VECTOR, record.vector(), similarity));
        record.metadata().forEach((name, value) -> doc.add(new StringField(META_PREFIX + name, value, Field.Store.YES)));
        record.readers().forEach(reader -> doc.add(new StringField(READERS, reader, Field.Store.NO)));
        return doc;
    }

    static VectorMatch toMatch(Document doc, double score) {
        Map<String, String> metadata = new LinkedHashMap<>();
        for (IndexableField field : doc.getFields()) {
            if (field.name().startsWith(META_PREFIX)) {
                metadata.put(field.name().substring(META_PREFIX.length()), field.stringValue());
            }
        }
        return new VectorMatch(doc.get(ID), doc.get(DOCUMENT_ID), doc.get(TEXT), score, Map.copyOf(metadata));
    }

    /** Tenant and metadata as non-scoring clauses, so every search stays inside one tenant. */
    static BooleanQuery.Builder tenantAndMetadata(TenantId tenant, Map<String, String> filter) {
        BooleanQuery.Builder builder = new BooleanQuery.Builder()
                .add(new TermQuery(new Term(TENANT, tenant.value())), BooleanClause.Occur.FILTER);
        filter.forEach((name, value) ->
                builder.add(new TermQuery(new Term(META_PREFIX + name, value)), BooleanClause.Occur.FILTER));
        return builder;
    }

    /**
     * What every search filters on: the tenant, the metadata and, fail closed, the readers: a chunk must hold one
     * of the query's principals, so a chunk with no readers field (or a query with no principals) matches nothing.
     */
    static BooleanQuery.Builder searchFilter(VectorQuery query) {
        List<BytesRef> principals = query.principals().stream().map(BytesRef::new).toList();
        return tenantAndMetadata(query.tenant(), query.filter())
                .add(new TermInSetQuery(READERS, principals), BooleanClause.Occur.FILTER);
    }

    static Query tenantOnly(TenantId tenant) {
        return new TermQuery(new Term(TENANT, tenant.value()));
    }

    static Query document(TenantId tenant, String documentId, Map<String, String> metadata) {
        return tenantAndMetadata(tenant, metadata)
                .add(new TermQuery(new Term(DOCUMENT_ID, documentId)), BooleanClause.Occur.FILTER)
                .build();
    }
}
