package com.aiplatform.shared.blob.azure;

import com.aiplatform.shared.blob.Blob;
import com.aiplatform.shared.blob.BlobKey;
import com.aiplatform.shared.blob.BlobNames;
import com.aiplatform.shared.blob.BlobStore;
import com.aiplatform.shared.azure.errors.AzureUnavailableException;
import com.aiplatform.shared.identity.TenantId;
import com.azure.core.util.BinaryData;
import com.azure.core.util.Context;
import com.azure.storage.blob.BlobClient;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.models.BlobDownloadContentResponse;
import com.azure.storage.blob.models.BlobErrorCode;
import com.azure.storage.blob.models.BlobHttpHeaders;
import com.azure.storage.blob.models.BlobItem;
import com.azure.storage.blob.models.BlobStorageException;
import com.azure.storage.blob.models.ListBlobsOptions;
import com.azure.storage.blob.options.BlobParallelUploadOptions;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * {@link BlobStore} on Azure Blob storage (Azurite locally). Containers are created on first write;
 * metadata keys are kept in lower case.
 */
public final class AzureBlobStore implements BlobStore {

    private static final Pattern METADATA_KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final String DEFAULT_CONTENT_TYPE = "application/octet-stream";

    private final BlobServiceClient service;
    /** Clients of containers known to exist (made on first use: building a client costs more than a call). */
    private final Map<String, BlobContainerClient> existing = new ConcurrentHashMap<>();

    public AzureBlobStore(BlobServiceClient service) {
        this.service = Objects.requireNonNull(service, "service");
    }

    @Override
    public void upsert(BlobKey key, byte[] content, String contentType, Map<String, String> metadata) {
        Objects.requireNonNull(content, "content");
        Map<String, String> checked = lowerCaseKeys(metadata);
        BlobParallelUploadOptions options = new BlobParallelUploadOptions(BinaryData.fromBytes(content))
                .setHeaders(new BlobHttpHeaders().setContentType(contentType == null ? DEFAULT_CONTENT_TYPE : contentType))
                .setMetadata(checked);
        BlobClient blob = container(key.container(), true).getBlobClient(key.name());
        try {
            blob.uploadWithResponse(options, null, Context.NONE);
        } catch (BlobStorageException e) {
            throw translate("upload " + key.name(), e);
        }
    }

    @Override
    public Optional<Blob> get(BlobKey key) {
        try {
            BlobDownloadContentResponse response = container(key.container(), false).getBlobClient(key.name())
                    .downloadContentWithResponse(null, null, null, Context.NONE);
            var headers = response.getDeserializedHeaders();
            return Optional.of(new Blob(key, response.getValue().toBytes(), headers.getContentType(),
                    headers.getMetadata()));
        } catch (BlobStorageException e) {
            if (isNotFound(e)) {
                return Optional.empty();
            }
            throw translate("download " + key.name(), e);
        }
    }

    @Override
    public boolean exists(BlobKey key) {
        try {
            return container(key.container(), false).getBlobClient(key.name()).exists();
        } catch (BlobStorageException e) {
            throw translate("check " + key.name(), e);
        }
    }

    @Override
    public void delete(BlobKey key) {
        try {
            container(key.container(), false).getBlobClient(key.name()).deleteIfExists();
        } catch (BlobStorageException e) {
            if (!isNotFound(e)) {
                throw translate("delete " + key.name(), e);
            }
        }
    }

    @Override
    public List<BlobKey> list(String container, TenantId tenant, String prefix) {
        String tenantPrefix = tenant.value() + "/";
        ListBlobsOptions options = new ListBlobsOptions().setPrefix(tenantPrefix + (prefix == null ? "" : prefix));
        try {
            return container(container, false).listBlobs(options, null).stream()
                    .map(item -> new BlobKey(container, tenant, item.getName().substring(tenantPrefix.length())))
                    .toList();
        } catch (BlobStorageException e) {
            if (isNotFound(e)) {
                return List.of();
            }
            throw translate("list " + container, e);
        }
    }

    @Override
    public BlobNames listUnpartitioned(String container, String prefix, int max, String continuation) {
        if (max < 1 || max > 5000) {
            throw new IllegalArgumentException("max must be 1-5000: " + max);
        }
        ListBlobsOptions options = new ListBlobsOptions().setPrefix(prefix == null ? "" : prefix).setMaxResultsPerPage(max);
        try {
            var pages = container(container, false).listBlobs(options, null).iterableByPage(continuation, max).iterator();
            if (!pages.hasNext()) {
                return new BlobNames(List.of(), Optional.empty());
            }
            var page = pages.next();
            String next = page.getContinuationToken();
            return new BlobNames(page.getValue().stream().map(BlobItem::getName).toList(),
                    next == null || next.isEmpty() ? Optional.empty() : Optional.of(next));
        } catch (BlobStorageException e) {
            if (isNotFound(e)) {
                return new BlobNames(List.of(), Optional.empty());
            }
            throw translate("list " + container, e);
        }
    }

    @Override
    public Optional<byte[]> getUnpartitioned(String container, String name) {
        try {
            return Optional.of(container(container, false).getBlobClient(BlobNames.requireValid(name))
                    .downloadContent().toBytes());
        } catch (BlobStorageException e) {
            if (isNotFound(e)) {
                return Optional.empty();
            }
            throw translate("download " + name, e);
        }
    }

    @Override
    public void upsertUnpartitioned(String container, String name, byte[] content, String contentType) {
        Objects.requireNonNull(content, "content");
        BlobParallelUploadOptions options = new BlobParallelUploadOptions(BinaryData.fromBytes(content))
                .setHeaders(new BlobHttpHeaders().setContentType(contentType == null ? DEFAULT_CONTENT_TYPE : contentType));
        try {
            container(container, true).getBlobClient(BlobNames.requireValid(name))
                    .uploadWithResponse(options, null, Context.NONE);
        } catch (BlobStorageException e) {
            throw translate("upload " + name, e);
        }
    }

    @Override
    public void deleteUnpartitioned(String container, String name) {
        try {
            container(container, false).getBlobClient(BlobNames.requireValid(name)).deleteIfExists();
        } catch (BlobStorageException e) {
            if (!isNotFound(e)) {
                throw translate("delete " + name, e);
            }
        }
    }

    private BlobContainerClient container(String name, boolean create) {
        BlobContainerClient cached = existing.get(name);
        if (cached != null) {
            return cached;
        }
        BlobContainerClient client = service.getBlobContainerClient(name);
        if (create) {
            try {
                client.createIfNotExists();
            } catch (BlobStorageException e) {
                throw translate("create container " + name, e);
            }
            existing.putIfAbsent(name, client);
        }
        return client;
    }

    private static boolean isNotFound(BlobStorageException e) {
        return e.getStatusCode() == 404 || BlobErrorCode.CONTAINER_NOT_FOUND.equals(e.getErrorCode());
    }

    private static RuntimeException translate(String action, BlobStorageException e) {
        String message = "Blob storage could not " + action + ": " + e.getStatusCode() + " " + e.getErrorCode();
        return e.getStatusCode() == 400
                ? new IllegalArgumentException(message, e)
                : new AzureUnavailableException(message, e.getStatusCode(), e);
    }

    /**
     * Metadata travels as HTTP headers, whose names are case-insensitive and come back lower-cased
     * through the JDK transport, so keys are stored in lower case to read back exactly as written.
     */
    private static Map<String, String> lowerCaseKeys(Map<String, String> metadata) {
        Map<String, String> result = new HashMap<>();
        if (metadata != null) {
            metadata.forEach((key, value) -> {
                validateMetadataKey(key);
                result.put(key.toLowerCase(Locale.ROOT), value);
            });
        }
        return result;
    }

    private static void validateMetadataKey(String key) {
        if (!METADATA_KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("Blob metadata key must be a C# identifier (letters, digits, '_'): " + key);
        }
    }
}
