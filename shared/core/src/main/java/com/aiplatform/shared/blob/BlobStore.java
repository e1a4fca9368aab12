package com.aiplatform.shared.blob;

import com.aiplatform.shared.identity.TenantId;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Binary objects by key (Blob storage in Azure, Azurite locally). */
public interface BlobStore {

    /** Creates or replaces the blob. Metadata keys must be valid C# identifiers (Azure's rule). */
    void upsert(BlobKey key, byte[] content, String contentType, Map<String, String> metadata);

    Optional<Blob> get(BlobKey key);

    boolean exists(BlobKey key);

    /** Deletes the blob; succeeds if it is already absent. */
    void delete(BlobKey key);

    /** Paths (relative to the tenant) of the tenant's blobs in {@code container} that start with {@code prefix}. */
    List<BlobKey> list(String container, TenantId tenant, String prefix);
}
