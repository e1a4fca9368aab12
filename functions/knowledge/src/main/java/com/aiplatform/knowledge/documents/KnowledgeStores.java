package com.aiplatform.knowledge.documents;

import com.aiplatform.shared.blob.BlobStore;
import com.aiplatform.shared.vector.VectorStore;

/** The stores the knowledge app owns: document records, the originals' container, the chunk index. */
public record KnowledgeStores(DocumentRepository documents, BlobStore blobs, String container, VectorStore vectors) {
}
