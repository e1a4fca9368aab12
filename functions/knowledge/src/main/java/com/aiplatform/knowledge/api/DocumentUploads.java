package com.aiplatform.knowledge.api;

import com.aiplatform.knowledge.documents.DocumentIds;
import com.aiplatform.knowledge.documents.DocumentUpload;
import com.aiplatform.shared.functions.Multipart;
import com.aiplatform.shared.functions.RequestBodies;
import com.aiplatform.shared.identity.Readers;
import com.aiplatform.shared.problem.ProblemException;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the three ways a client can send a document: a JSON body with the text, a
 * {@code multipart/form-data} upload with a {@code file} part, or the raw file as the body with its
 * content type (and {@code documentId}, {@code title}, {@code fileName} as query parameters). Readers come as a
 * {@code readers} object ({@code {"groups": [...], "users": [...]}} or {@code {"tenantWide": true}}) in the JSON
 * body or as a multipart part, or as the query parameters {@code readerGroups}, {@code readerUsers} (comma-separated)
 * and {@code tenantWide=true} with a raw file.
 */
final class DocumentUploads {

    private static final int MAX_TITLE_LENGTH = 300;
    static final int MAX_BATCH = 100;

    private DocumentUploads() {
    }

    /** The JSON form: {@code {"text", "title"?, "documentId"?, "contentType"?, "metadata"?, "readers"?}}. */
    record JsonDocument(String text, String title, String documentId, String contentType, Map<String, String> metadata,
                        JsonReaders readers) {
        JsonDocument {
            if (text == null || text.isBlank()) {
                throw ProblemException.validation("The document is not valid", List.of("text must be a non-empty string"));
            }
        }
    }

    /** The {@code readers} object: exactly one of tenant-wide, or groups and users. */
    record JsonReaders(Boolean tenantWide, List<String> groups, List<String> users) {
        Readers checked() {
            return Readers.requested(tenantWide, groups, users);
        }
    }

    static DocumentUpload read(String contentTypeHeader, byte[] body, Map<String, String> query) {
        String contentType = contentTypeHeader == null ? ""
                : contentTypeHeader.split(";", 2)[0].trim().toLowerCase(java.util.Locale.ROOT);
        if (body.length == 0) {
            throw ProblemException.badRequest("The request body is empty");
        }
        return switch (contentType) {
            case "application/json" -> fromJson(body);
            case "multipart/form-data" -> fromMultipart(contentTypeHeader, body);
            case "" -> throw ProblemException.badRequest("A Content-Type header is required");
            default -> new DocumentUpload(body, contentType, id(query.get("documentId")), title(query.get("title")),
                    Optional.ofNullable(query.get("fileName")).filter(s -> !s.isBlank()), Map.of(), readers(query));
        };
    }

    /** A batch: {@code {"documents": [JsonDocument, ...]}}, 1 to {@value #MAX_BATCH} of them. */
    record Batch(List<JsonDocument> documents) {
        Batch {
            if (documents == null || documents.isEmpty() || documents.size() > MAX_BATCH) {
                throw ProblemException.validation("The batch is not valid",
                        List.of("documents must hold 1 to " + MAX_BATCH + " documents"));
            }
            if (documents.contains(null)) {
                throw ProblemException.validation("The batch is not valid", List.of("documents must not hold null"));
            }
        }
    }

    static List<DocumentUpload> batch(byte[] body) {
        if (body.length == 0) {
            throw ProblemException.badRequest("The request body is empty");
        }
        return RequestBodies.json(body, Batch.class, Long.MAX_VALUE).documents().stream()
                .map(DocumentUploads::fromJson).toList();
    }

    private static DocumentUpload fromJson(byte[] body) {
        return fromJson(RequestBodies.json(body, JsonDocument.class, Long.MAX_VALUE));
    }

    private static DocumentUpload fromJson(JsonDocument document) {
        String type = document.contentType() == null ? "text/plain" : document.contentType();
        if (!type.startsWith("text/")) {
            throw ProblemException.validation("The document is not valid",
                    List.of("contentType of a JSON document must be text/plain, text/markdown or text/html"));
        }
        return new DocumentUpload(document.text().getBytes(StandardCharsets.UTF_8), type, id(document.documentId()),
                title(document.title()), Optional.empty(), document.metadata(),
                Optional.ofNullable(document.readers()).map(JsonReaders::checked));
    }

    private static DocumentUpload fromMultipart(String contentTypeHeader, byte[] body) {
        List<Multipart.Part> parts = Multipart.parse(contentTypeHeader, body);
        Multipart.Part file = parts.stream().filter(p -> p.name().equals("file")).findFirst()
                .orElseThrow(() -> ProblemException.badRequest("The multipart body needs a part named 'file'"));
        Map<String, String> fields = new java.util.HashMap<>();
        for (Multipart.Part part : parts) {
            if (!part.name().equals("file")) {
                fields.put(part.name(), part.text());
            }
        }
        Map<String, String> metadata = fields.containsKey("metadata") ? metadata(fields.get("metadata")) : Map.of();
        Optional<Readers> readers = Optional.ofNullable(fields.get("readers")).map(json -> RequestBodies.json(
                json.getBytes(StandardCharsets.UTF_8), JsonReaders.class, Long.MAX_VALUE).checked());
        return new DocumentUpload(file.content(), file.contentType(), id(fields.get("documentId")),
                title(fields.get("title")), file.fileName().filter(s -> !s.isBlank()), metadata, readers);
    }

    private static Map<String, String> metadata(String json) {
        return RequestBodies.json(json.getBytes(StandardCharsets.UTF_8), Metadata.class, Long.MAX_VALUE).values();
    }

    /** The multipart {@code metadata} part, read as strictly as any JSON body: a flat object of strings. */
    record Metadata(@com.fasterxml.jackson.annotation.JsonValue Map<String, String> values) {
        @com.fasterxml.jackson.annotation.JsonCreator(mode = com.fasterxml.jackson.annotation.JsonCreator.Mode.DELEGATING)
        Metadata {
        }
    }

    /** The readers of a raw upload, from its query parameters; none given leaves the default. */
    private static Optional<Readers> readers(Map<String, String> query) {
        String wide = query.get("tenantWide");
        String groups = query.get("readerGroups");
        String users = query.get("readerUsers");
        if (wide == null && groups == null && users == null) {
            return Optional.empty();
        }
        if (wide != null && !wide.equals("true") && !wide.equals("false")) {
            throw ProblemException.validation("The document readers are not valid",
                    List.of("tenantWide must be true or false"));
        }
        return Optional.of(Readers.requested(wide == null ? null : Boolean.valueOf(wide), names(groups), names(users)));
    }

    private static List<String> names(String commaSeparated) {
        return commaSeparated == null ? List.of() : java.util.Arrays.stream(commaSeparated.split(","))
                .map(String::trim).filter(name -> !name.isEmpty()).toList();
    }

    private static Optional<String> id(String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(DocumentIds.require(value));
    }

    private static Optional<String> title(String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        if (value.length() > MAX_TITLE_LENGTH) {
            throw ProblemException.validation("The document title is not valid",
                    List.of("title must be at most " + MAX_TITLE_LENGTH + " characters"));
        }
        return Optional.of(value.strip());
    }
}
