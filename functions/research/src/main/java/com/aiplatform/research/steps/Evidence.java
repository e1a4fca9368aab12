package com.aiplatform.research.steps;

import com.aiplatform.research.tasks.TaskKey;
import com.aiplatform.shared.blob.BlobKey;
import com.aiplatform.shared.blob.BlobStore;
import com.aiplatform.shared.json.Json;
import com.aiplatform.shared.knowledge.KnowledgeHit;
import com.fasterxml.jackson.core.type.TypeReference;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The passages a step retrieved, in full, for the synthesis. Up to {@link #INLINE_MAX_CHARS} of JSON they are kept
 * in the step's row ({@code inline:<json>}), which costs no extra storage call; larger sets go to Blob storage
 * ({@code blob:tasks/<id>/steps/<n>.json}) with the reference in the row, never into a queue message.
 */
public final class Evidence {

    static final int SNIPPET_CHARS = 280;
    /** Below Table storage's 32K-character limit on a string property, with room to spare. */
    public static final int INLINE_MAX_CHARS = 24_000;
    private static final String INLINE = "inline:";
    private static final String BLOB = "blob:";
    private static final TypeReference<List<Passage>> PASSAGES = new TypeReference<>() { };

    /** A retrieved passage under its number within the step. */
    public record Passage(int number, String documentId, String title, String chunkId, String source, String text) {

        public SourceRef ref() {
            String snippet = text.length() <= SNIPPET_CHARS ? text : text.substring(0, SNIPPET_CHARS) + "…";
            return new SourceRef(number, documentId, title, chunkId, source, snippet);
        }
    }

    private final BlobStore blobs;
    private final String container;

    public Evidence(BlobStore blobs, String container) {
        this.blobs = blobs;
        this.container = container;
    }

    public static List<Passage> number(List<KnowledgeHit> hits) {
        List<Passage> passages = new ArrayList<>();
        for (KnowledgeHit hit : hits) {
            passages.add(new Passage(passages.size() + 1, hit.documentId(), hit.title(), hit.chunkId(), hit.source(),
                    hit.text()));
        }
        return passages;
    }

    /** The reference the step row keeps: the passages themselves, or where in Blob storage they are (idempotent). */
    public String save(TaskKey task, int step, List<Passage> passages) {
        String json = Json.write(passages);
        if (json.length() <= INLINE_MAX_CHARS) {
            return INLINE + json;
        }
        BlobKey key = key(task, "tasks/" + task.id() + "/steps/" + String.format("%03d", step) + ".json");
        blobs.upsert(key, json.getBytes(StandardCharsets.UTF_8), "application/json", Map.of());
        return BLOB + key.path();
    }

    public List<Passage> load(TaskKey task, String reference) {
        if (reference == null) {
            return List.of();
        }
        if (reference.startsWith(INLINE)) {
            return readPassages(reference.substring(INLINE.length()));
        }
        return blobs.get(key(task, reference.substring(BLOB.length())))
                .map(blob -> readPassages(new String(blob.content(), StandardCharsets.UTF_8)))
                .orElse(List.of());
    }

    private BlobKey key(TaskKey task, String path) {
        return new BlobKey(container, task.tenant(), path);
    }

    private static List<Passage> readPassages(String json) {
        try {
            return Json.mapper().readValue(json, PASSAGES);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("Corrupt evidence blob: " + e.getOriginalMessage(), e);
        }
    }
}
