package com.aiplatform.shared.knowledge;

import com.aiplatform.shared.identity.Caller;
import com.aiplatform.shared.identity.Readers;

import java.util.List;
import java.util.Map;

/**
 * The knowledge app as other apps see it: its public API, called on behalf of a caller, whose tenant
 * decides what is visible. Apps never read the knowledge app's storage; they go through this port.
 */
public interface KnowledgeBase {

    /** Hybrid search in the caller's tenant, among the documents the caller (its groups included) may read. */
    List<KnowledgeHit> search(Caller caller, String query, int topK);

    /** Adds (or replaces, by id) a text document in the caller's tenant. */
    IngestReceipt ingestText(Caller caller, TextDocument document);

    /** Removes a document from the caller's tenant; one that is not there (deleted already) is not an error. */
    void delete(Caller caller, String documentId);

    /**
     * A text document to ingest; {@code id} may be null for a new one. {@code readers} null leaves the knowledge
     * app's default: readable by the ingesting caller only.
     */
    record TextDocument(String id, String title, String text, Map<String, String> metadata, Readers readers) {
        public TextDocument {
            metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
        }

        public TextDocument(String id, String title, String text, Map<String, String> metadata) {
            this(id, title, text, metadata, null);
        }
    }

    /** What the knowledge app answered to an ingest: the document, its version and whether anything changed. */
    record IngestReceipt(String documentId, long version, String status, int chunkCount) {
    }
}
