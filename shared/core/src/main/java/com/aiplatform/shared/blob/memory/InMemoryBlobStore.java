package com.aiplatform.shared.blob.memory;

import com.aiplatform.shared.blob.Blob;
import com.aiplatform.shared.blob.BlobKey;
import com.aiplatform.shared.blob.BlobNames;
import com.aiplatform.shared.blob.BlobStore;
import com.aiplatform.shared.identity.TenantId;

import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.regex.Pattern;

/**
 * A {@link BlobStore} in memory, for unit tests of services. It applies Azure's naming rules for
 * containers and metadata, so a name that Azure would refuse fails here first, and keeps metadata keys
 * in lower case as the Azure adapter does (they travel as case-insensitive HTTP headers).
 */
public final class InMemoryBlobStore implements BlobStore {

    private static final Pattern CONTAINER_NAME = Pattern.compile("[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]");
    private static final Pattern METADATA_KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final String DEFAULT_CONTENT_TYPE = "application/octet-stream";

    private final Map<String, NavigableMap<String, Stored>> containers = new ConcurrentHashMap<>();

    @Override
    public void upsert(BlobKey key, byte[] content, String contentType, Map<String, String> metadata) {
        Objects.requireNonNull(content, "content");
        validateContainer(key.container());
        Map<String, String> checked = new HashMap<>();
        if (metadata != null) {
            metadata.forEach((name, value) -> {
                validateMetadataKey(name);
                checked.put(name.toLowerCase(Locale.ROOT), value);
            });
        }
        containers.computeIfAbsent(key.container(), c -> new ConcurrentSkipListMap<>())
                .put(key.name(), new Stored(content.clone(),
                        contentType == null ? DEFAULT_CONTENT_TYPE : contentType, Map.copyOf(checked)));
    }

    @Override
    public Optional<Blob> get(BlobKey key) {
        return Optional.ofNullable(container(key.container()).get(key.name()))
                .map(s -> new Blob(key, s.content().clone(), s.contentType(), s.metadata()));
    }

    @Override
    public boolean exists(BlobKey key) {
        return container(key.container()).containsKey(key.name());
    }

    @Override
    public void delete(BlobKey key) {
        NavigableMap<String, Stored> blobs = containers.get(key.container());
        if (blobs != null) {
            blobs.remove(key.name());
        }
    }

    @Override
    public List<BlobKey> list(String container, TenantId tenant, String prefix) {
        String tenantPrefix = tenant.value() + "/";
        String start = tenantPrefix + (prefix == null ? "" : prefix);
        return container(container).tailMap(start, true).keySet().stream()
                .takeWhile(name -> name.startsWith(start))
                .map(name -> new BlobKey(container, tenant, name.substring(tenantPrefix.length())))
                .toList();
    }

    @Override
    public BlobNames listUnpartitioned(String container, String prefix, int max, String continuation) {
        if (max < 1 || max > 5000) {
            throw new IllegalArgumentException("max must be 1-5000: " + max);
        }
        String start = prefix == null ? "" : prefix;
        NavigableMap<String, Stored> from = continuation == null ? container(container).tailMap(start, true)
                : container(container).tailMap(continuation, false);
        List<String> names = from.keySet().stream().takeWhile(name -> name.startsWith(start)).limit(max + 1L).toList();
        return names.size() > max ? new BlobNames(names.subList(0, max), Optional.of(names.get(max - 1)))
                : new BlobNames(names, Optional.empty());
    }

    @Override
    public Optional<byte[]> getUnpartitioned(String container, String name) {
        return Optional.ofNullable(container(container).get(BlobNames.requireValid(name))).map(s -> s.content().clone());
    }

    @Override
    public void upsertUnpartitioned(String container, String name, byte[] content, String contentType) {
        Objects.requireNonNull(content, "content");
        validateContainer(container);
        containers.computeIfAbsent(container, c -> new ConcurrentSkipListMap<>()).put(BlobNames.requireValid(name),
                new Stored(content.clone(), contentType == null ? DEFAULT_CONTENT_TYPE : contentType, Map.of()));
    }

    @Override
    public void deleteUnpartitioned(String container, String name) {
        NavigableMap<String, Stored> blobs = containers.get(container);
        if (blobs != null) {
            blobs.remove(BlobNames.requireValid(name));
        }
    }

    private NavigableMap<String, Stored> container(String name) {
        return containers.getOrDefault(name, Collections.emptyNavigableMap());
    }

    private static void validateContainer(String name) {
        if (!CONTAINER_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("Container name must be 3-63 lower-case letters, digits and single "
                    + "hyphens, starting and ending with a letter or digit: " + name);
        }
    }

    private static void validateMetadataKey(String key) {
        if (!METADATA_KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("Blob metadata key must be a C# identifier (letters, digits, '_'): " + key);
        }
    }

    private record Stored(byte[] content, String contentType, Map<String, String> metadata) {
    }
}
