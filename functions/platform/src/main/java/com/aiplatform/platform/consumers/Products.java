package com.aiplatform.platform.consumers;

import com.aiplatform.shared.json.Json;
import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.Set;

/** The product ids of the gateway definition (infra/gateway/gateway.json, copied onto the class path by the build). */
public final class Products {

    static final String RESOURCE = "/gateway/gateway.json";

    private Products() {
    }

    public static Set<String> fromDefinition() {
        try (InputStream in = Products.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("The gateway definition " + RESOURCE + " is not on the class path");
            }
            Set<String> ids = new LinkedHashSet<>();
            for (JsonNode product : Json.tree(new String(in.readAllBytes(), StandardCharsets.UTF_8)).path("products")) {
                ids.add(product.path("id").asText());
            }
            return Set.copyOf(ids);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
