package com.aiplatform.local.gateway;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Admits calls from one app to another as Azure does: a request with the right function key in
 * {@code x-functions-key} comes from a sibling app, which forwards its caller's identity headers;
 * every other request goes through the gateway in front of it.
 */
public final class AppToAppCalls implements Gateway {

    public static final String FUNCTION_KEY_HEADER = "x-functions-key";

    private final byte[] key;
    private final Gateway clients;

    public AppToAppCalls(String key, Gateway clients) {
        this.key = key.getBytes(StandardCharsets.UTF_8);
        this.clients = clients;
    }

    @Override
    public Admission admit(String method, String path, Map<String, String> headers) {
        String presented = null;
        Map<String, String> forwarded = new LinkedHashMap<>();
        for (var header : headers.entrySet()) {
            if (header.getKey().equalsIgnoreCase(FUNCTION_KEY_HEADER)) {
                presented = header.getValue();
            } else {
                forwarded.put(header.getKey(), header.getValue());
            }
        }
        if (presented != null && MessageDigest.isEqual(key, presented.getBytes(StandardCharsets.UTF_8))) {
            return Admission.forward(forwarded);
        }
        return clients.admit(method, path, forwarded);
    }
}
