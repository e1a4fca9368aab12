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

    // Containers that the platform owns across tenants and whose blob names another service chooses, such
    // as Event Grid's dead-letter container (<SUBSCRIPTION>/<yyyy>/<M>/<d>/<H>/<id>.json). For platform
    // operations only: everything tenant data goes through the partitioned methods above.

    /**
     * Up to {@code max} (1-5000) names starting with {@code prefix}, in name order, from the page that
     * {@code continuation} names ({@code null} for the first). A missing container has no names.
     */
    BlobNames listUnpartitioned(String container, String prefix, int max, String continuation);

    Optional<byte[]> getUnpartitioned(String container, String name);

    /** Creates or replaces the blob {@code name}, creating the container if needed. */
    void upsertUnpartitioned(String container, String name, byte[] content, String contentType);

    /** Deletes the blob; succeeds if it is already absent. */
    void deleteUnpartitioned(String container, String name);
}
