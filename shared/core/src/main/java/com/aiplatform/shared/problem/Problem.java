package com.aiplatform.shared.problem;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * An RFC 9457 problem detail. {@code extensions} holds extra members such as {@code errors} or
 * {@code maxBytes}; they are serialised at the top level beside the standard members.
 */
public record Problem(URI type, String title, int status, String detail, String instance,
                      Map<String, Object> extensions) {

    public static final String MEDIA_TYPE = "application/problem+json";
    /** A URN rather than an address we do not own; the slug names the kind of problem. */
    private static final String TYPE_BASE = "urn:aiplatform:problem:";

    public Problem {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(title, "title");
        extensions = extensions == null ? Map.of() : Map.copyOf(extensions);
    }

    public static Problem of(int status, String slug, String title, String detail) {
        return new Problem(URI.create(TYPE_BASE + slug), title, status, detail, null, Map.of());
    }

    public Problem withInstance(String newInstance) {
        return new Problem(type, title, status, detail, newInstance, extensions);
    }

    public Problem with(String member, Object value) {
        var copy = new LinkedHashMap<>(extensions);
        copy.put(member, value);
        return new Problem(type, title, status, detail, instance, copy);
    }

    /** The body as it goes on the wire: standard members first, then the extensions. */
    public Map<String, Object> toBody() {
        var body = new LinkedHashMap<String, Object>();
        body.put("type", type.toString());
        body.put("title", title);
        body.put("status", status);
        if (detail != null) {
            body.put("detail", detail);
        }
        if (instance != null) {
            body.put("instance", instance);
        }
        extensions.forEach(body::putIfAbsent);
        return body;
    }
}
