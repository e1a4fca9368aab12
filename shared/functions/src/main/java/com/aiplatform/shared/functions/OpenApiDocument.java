package com.aiplatform.shared.functions;

import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.HttpStatusType;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** An app's OpenAPI document: read once from the class path, served as YAML (APIM imports it; tests check it). */
public final class OpenApiDocument {

    private OpenApiDocument() {
    }

    /** The document at {@code resource} (e.g. {@code /openapi/knowledge.yaml}); fails at start-up if it is missing. */
    public static byte[] read(String resource) {
        try (InputStream in = OpenApiDocument.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("The OpenAPI document " + resource + " is not on the class path");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static HttpResponseMessage serve(HttpRequestMessage<?> request, byte[] document) {
        return request.createResponseBuilder(HttpStatusType.custom(200))
                .header("Content-Type", "application/yaml")
                .body(document)
                .build();
    }
}
