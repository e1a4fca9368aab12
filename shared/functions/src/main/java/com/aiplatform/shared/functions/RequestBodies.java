package com.aiplatform.shared.functions;

import com.aiplatform.shared.json.Json;
import com.aiplatform.shared.problem.ProblemException;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.NumberDeserializers;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.microsoft.azure.functions.HttpRequestMessage;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** Reads request bodies into records, answering every malformed body with a 4xx problem. */
public final class RequestBodies {

    /**
     * Client bodies are read strictly, unlike our own messages ({@link Json#mapper()}): a value of the wrong
     * JSON type is refused rather than coerced ({@code "topK": 1.5}, {@code "limitUsd": "7.5"},
     * {@code "documentId": 12345}), and a key given twice is refused rather than the last one winning.
     */
    private static final ObjectMapper STRICT = strict();

    private RequestBodies() {
    }

    public static String contentType(HttpRequestMessage<?> request) {
        String value = header(request.getHeaders(), "content-type");
        return value == null ? "" : value.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    }

    public static String header(Map<String, String> headers, String name) {
        for (var entry : headers.entrySet()) {
            if (entry.getKey() != null && entry.getKey().equalsIgnoreCase(name)) {
                return entry.getValue();
            }
        }
        return null;
    }

    /** The raw body bytes, refusing bodies larger than {@code maxBytes} with 413. */
    public static byte[] bytes(HttpRequestMessage<Optional<byte[]>> request, long maxBytes) {
        byte[] body = request.getBody().orElse(new byte[0]);
        if (body.length > maxBytes) {
            throw ProblemException.payloadTooLarge(maxBytes);
        }
        return body;
    }

    /** Parses a JSON body of at most {@code maxBytes} into {@code type}. */
    public static <T> T json(byte[] body, Class<T> type, long maxBytes) {
        if (body.length > maxBytes) {
            throw ProblemException.payloadTooLarge(maxBytes);
        }
        if (body.length == 0) {
            throw ProblemException.badRequest("The request body is empty; a JSON object is expected");
        }
        return parse(new String(body, StandardCharsets.UTF_8), type);
    }

    public static <T> T json(HttpRequestMessage<Optional<byte[]>> request, Class<T> type, long maxBytes) {
        String contentType = contentType(request);
        if (!contentType.isEmpty() && !contentType.equals("application/json") && !contentType.endsWith("+json")) {
            throw ProblemException.unsupportedMediaType(contentType, List.of("application/json"));
        }
        return json(bytes(request, maxBytes), type, maxBytes);
    }

    static <T> T parse(String json, Class<T> type) {
        try {
            T value = STRICT.readValue(json, type);
            if (value == null) {
                throw ProblemException.badRequest("The request body is null; a JSON object is expected");
            }
            return value;
        } catch (ValueInstantiationException e) {
            if (e.getCause() instanceof ProblemException problem) {
                throw problem;
            }
            throw ProblemException.badRequest(describe(e));
        } catch (JsonProcessingException e) {
            throw ProblemException.badRequest(describe(e));
        }
    }

    private static ObjectMapper strict() {
        ObjectMapper mapper = Json.mapper().copy();
        mapper.registerModule(new SimpleModule("bounded-decimals").addDeserializer(BigDecimal.class, new BoundedDecimals()));
        mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        mapper.configure(MapperFeature.ALLOW_COERCION_OF_SCALARS, false);
        mapper.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
        mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS, DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS);
        // Content nulls too: {"metadata": {"k": null}} or [null] is not a map of strings or a list of them.
        mapper.setDefaultSetterInfo(JsonSetter.Value.forContentNulls(Nulls.FAIL));
        for (LogicalType scalar : List.of(LogicalType.Integer, LogicalType.Float, LogicalType.Boolean)) {
            mapper.coercionConfigFor(scalar).setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
        }
        mapper.coercionConfigFor(LogicalType.Textual).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Integer).setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Boolean).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
        return mapper;
    }

    /**
     * Decimals with an exponent past {@value #MAX_SCALE} digits either way are refused: {@code 1e-999999999} is
     * short to send, but printing or rounding it takes a billion digits, and no amount here needs such a scale.
     */
    private static final int MAX_SCALE = 100;

    private static final class BoundedDecimals extends NumberDeserializers.BigDecimalDeserializer {
        @Override
        public BigDecimal deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            BigDecimal value = super.deserialize(parser, context);
            if (value != null && Math.abs((long) value.scale()) > MAX_SCALE) {
                throw InvalidFormatException.from(parser, "The number's exponent is out of range", value, BigDecimal.class);
            }
            return value;
        }
    }

    private static String describe(JsonProcessingException e) {
        if (e instanceof UnrecognizedPropertyException unknown) {
            return "Unknown field '" + unknown.getPropertyName() + "'";
        }
        if (e instanceof InvalidFormatException invalid) {
            return "Field '" + path(invalid) + "' has an invalid value";
        }
        if (e instanceof MismatchedInputException mismatched) {
            String path = path(mismatched);
            return path.isEmpty() ? "The body must be a JSON object" : "Field '" + path + "' has the wrong type";
        }
        if (e instanceof JsonMappingException mapping) {
            return "The body does not match the expected shape at '" + path(mapping) + "'";
        }
        var location = e.getLocation();
        return location == null ? "Malformed JSON"
                : "Malformed JSON at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining("."));
    }
}
