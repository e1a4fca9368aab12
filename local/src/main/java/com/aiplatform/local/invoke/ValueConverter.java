package com.aiplatform.local.invoke;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.io.IOException;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;

/**
 * Converts trigger payloads and binding data (text or bytes) into parameter types the way the Java
 * worker does: text and bytes as they are, numbers and dates parsed, anything else read from JSON
 * leniently (the worker uses Gson, which ignores unknown fields).
 */
public final class ValueConverter {

    private static final Map<Class<?>, Class<?>> BOXES = Map.of(int.class, Integer.class, long.class, Long.class,
            boolean.class, Boolean.class, double.class, Double.class);

    private final ObjectMapper mapper = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    public Object convert(Object raw, Type target) {
        JavaType type = mapper.constructType(target);
        Class<?> cls = BOXES.getOrDefault(type.getRawClass(), type.getRawClass());
        if (raw == null) {
            if (type.getRawClass().isPrimitive()) {
                throw new IllegalArgumentException("No value for a parameter of primitive type " + type.getRawClass());
            }
            return null;
        }
        if (cls.isInstance(raw)) {
            return raw;
        }
        String text = raw instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : raw.toString();
        if (cls == String.class) {
            return text;
        }
        if (cls == byte[].class) {
            return text.getBytes(StandardCharsets.UTF_8);
        }
        if (cls == Integer.class) {
            return Integer.parseInt(text.trim());
        }
        if (cls == Long.class) {
            return Long.parseLong(text.trim());
        }
        if (cls == Boolean.class) {
            return Boolean.parseBoolean(text.trim());
        }
        if (cls == Double.class) {
            return Double.parseDouble(text.trim());
        }
        if (cls == OffsetDateTime.class) {
            return OffsetDateTime.parse(text.trim());
        }
        if (cls == Instant.class) {
            return OffsetDateTime.parse(text.trim()).toInstant();
        }
        return json(text, type);
    }

    private Object json(String text, JavaType type) {
        try {
            return JsonNode.class.isAssignableFrom(type.getRawClass()) ? mapper.readTree(text) : mapper.readValue(text, type);
        } catch (IOException e) {
            throw new IllegalArgumentException("Cannot read the payload as " + type + ": " + e.getMessage(), e);
        }
    }
}
