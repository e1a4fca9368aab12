package com.aiplatform.local.badinput;

import com.aiplatform.local.gateway.GatewayDefinition;
import io.swagger.parser.OpenAPIParser;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.parser.core.models.ParseOptions;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Bad requests generated from every operation of the six OpenAPI documents: path ids that no store may take
 * (encoded {@code /}, {@code \}, {@code ..}, CR/LF, NUL, {@code %FF}, 5,000 characters, OData-looking quotes),
 * query values of the wrong type or size, and for each JSON body (derived from its schema) malformed and
 * truncated JSON, wrong types, duplicate keys, missing fields, numbers at 1e30 and 2^63, values past the
 * schema's bounds, an empty or missing or wrong Content-Type, and a body over the gateway's limit; for every
 * operation a URI and a header over 8 KB. Each case names the statuses its operation declares.
 */
final class BadInputCorpus {

    static final List<String> APPS = List.of("knowledge", "agent", "research", "assistant", "platform", "llm");
    static final String VALID_ID = "corpus-1";

    private static final List<String> BAD_SEGMENTS = List.of("%2F", "a%2Fb", "a%5Cb", "..", "%2E%2E", "a%0D%0Ab",
            "%0A", "a%00b", "%00", "%FF", "a%FFb", "x".repeat(5000), "'", "''", "a'%20eq%20'a",
            "x'%20or%20'1'%20eq%20'1", "a%23b", "a%3Fb", "%20", "UPPER");
    private static final String BIG_INTEGER = "9223372036854775808";

    /** One operation of a document: where it is, what it reads, what it may answer. */
    record Op(String app, String id, String method, String path, List<Parameter> pathParameters,
              List<Parameter> queryParameters, Schema<?> jsonBody, List<String> bodyTypes, Set<Integer> declared,
              long maxRequestBytes, boolean internal) {
    }

    /** How a case authenticates: with the key of the run, with none, or with a key no consumer has. */
    enum Credentials { KEY, NONE, UNKNOWN }

    /** One bad request: the target is the raw, already encoded path and query. A null body sends none. */
    record Case(Op op, String label, String target, Map<String, String> headers, byte[] body, Credentials credentials) {
        Case(Op op, String label, String target, Map<String, String> headers, byte[] body) {
            this(op, label, target, headers, body, Credentials.KEY);
        }
    }

    private BadInputCorpus() {
    }

    static List<Op> operations(GatewayDefinition gateway) {
        List<Op> ops = new ArrayList<>();
        for (String app : APPS) {
            GatewayDefinition.Api api = gateway.apis().stream().filter(a -> a.app().equals(app)).findFirst().orElseThrow();
            OpenAPI spec = parse(app);
            spec.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
                List<Parameter> parameters = new ArrayList<>();
                if (item.getParameters() != null) {
                    parameters.addAll(item.getParameters());
                }
                if (operation.getParameters() != null) {
                    parameters.addAll(operation.getParameters());
                }
                ops.add(new Op(app, operation.getOperationId(), method.name(), path,
                        parameters.stream().filter(p -> "path".equals(p.getIn())).toList(),
                        parameters.stream().filter(p -> "query".equals(p.getIn())).toList(),
                        jsonSchema(operation), bodyTypes(operation), declared(operation), api.maxRequestBytes(),
                        api.internalPaths().stream().anyMatch(path.substring(1)::startsWith)));
            }));
        }
        return ops;
    }

    static List<Case> cases(Op op) {
        List<Case> cases = new ArrayList<>();
        String validBody = op.jsonBody() == null ? null : valid(op.jsonBody()).toString();
        Map<String, String> json = Map.of("Content-Type", "application/json");
        for (Parameter parameter : op.pathParameters()) {
            for (String bad : badSegments(parameter)) {
                cases.add(withBody(op, "path " + parameter.getName() + "=" + abbreviate(bad),
                        path(op, parameter.getName(), bad), validBody));
            }
        }
        for (Parameter parameter : op.queryParameters()) {
            for (String bad : badQueryValues(parameter.getSchema())) {
                cases.add(withBody(op, "query " + parameter.getName() + "=" + abbreviate(bad),
                        path(op, null, null) + "?" + parameter.getName() + "=" + bad, validBody));
            }
        }
        String base = path(op, null, null);
        cases.add(withBody(op, "URI over 8 KB", base + "?pad=" + "u".repeat(9000), validBody));
        Case bigHeader = withBody(op, "header over 8 KB", base, validBody);
        bigHeader.headers().put("X-Corpus-Pad", "h".repeat(9000));
        cases.add(bigHeader);
        if (!op.internal()) {
            Case plain = withBody(op, "no subscription key", base, validBody);
            cases.add(new Case(op, plain.label(), base, plain.headers(), plain.body(), Credentials.NONE));
            cases.add(new Case(op, "unknown subscription key", base, plain.headers(), plain.body(), Credentials.UNKNOWN));
        }
        if (validBody != null) {
            jsonBodyCases(op, op.jsonBody(), validBody).forEach((label, body) ->
                    cases.add(new Case(op, "body " + label, base, new LinkedHashMap<>(json), bytes(body))));
            cases.add(new Case(op, "body empty", base, new LinkedHashMap<>(json), new byte[0]));
            cases.add(new Case(op, "no Content-Type", base, new LinkedHashMap<>(), bytes(validBody)));
            cases.add(new Case(op, "empty Content-Type", base, new LinkedHashMap<>(Map.of("Content-Type", "")),
                    bytes(validBody)));
            if (!op.bodyTypes().contains("text/plain")) {
                cases.add(new Case(op, "Content-Type text/plain", base,
                        new LinkedHashMap<>(Map.of("Content-Type", "text/plain")), bytes(validBody)));
            }
            cases.add(new Case(op, "Content-Type application/x-corpus", base,
                    new LinkedHashMap<>(Map.of("Content-Type", "application/x-corpus")), bytes(validBody)));
        }
        if (!op.bodyTypes().isEmpty()) {
            cases.add(new Case(op, "body over the gateway limit", base, new LinkedHashMap<>(json),
                    oversized(op.maxRequestBytes())));
        }
        if (op.bodyTypes().stream().anyMatch(t -> !t.equals("application/json"))) {
            cases.add(new Case(op, "upload empty", base, new LinkedHashMap<>(Map.of("Content-Type", "application/pdf")),
                    new byte[0]));
            cases.add(new Case(op, "upload without Content-Type", base, new LinkedHashMap<>(), bytes("%PDF-garbage")));
            cases.add(new Case(op, "multipart without boundary", base,
                    new LinkedHashMap<>(Map.of("Content-Type", "multipart/form-data")), bytes("--x\r\n\r\n")));
            cases.add(new Case(op, "multipart truncated", base,
                    new LinkedHashMap<>(Map.of("Content-Type", "multipart/form-data; boundary=corpus")),
                    bytes("--corpus\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.txt\"\r\n")));
        }
        return cases;
    }

    /** The bodies of a JSON operation that must be refused, by label. */
    static Map<String, String> jsonBodyCases(Op op, Schema<?> schema, String validBody) {
        Map<String, String> bodies = new LinkedHashMap<>();
        bodies.put("malformed {", "{");
        bodies.put("malformed not JSON", "not json");
        bodies.put("malformed single quotes", "{'a': 'b'}");
        bodies.put("malformed trailing comma", validBody.substring(0, validBody.length() - 1) + ",}");
        bodies.put("malformed NaN", "{\"a\": NaN}");
        bodies.put("truncated half", validBody.substring(0, validBody.length() / 2));
        bodies.put("truncated last byte", validBody.substring(0, validBody.length() - 1));
        bodies.put("trailing garbage", validBody + " {}");
        bodies.put("array", "[]");
        bodies.put("string", "\"text\"");
        bodies.put("number", "42");
        bodies.put("null", "null");
        bodies.put("nested 5000 deep", "[".repeat(5000) + "]".repeat(5000));
        bodies.put("unknown field", validBody.substring(0, validBody.length() - 1) + ",\"corpusUnknown\":1}");
        Map<String, Schema> properties = properties(schema);
        List<String> required = schema.getRequired() == null ? List.of() : schema.getRequired();
        for (String name : required) {
            Map<String, String> without = validFields(schema);
            without.remove(name);
            bodies.put("missing " + name, object(without));
            Map<String, String> fields = validFields(schema);
            String value = fields.remove(name);
            bodies.put("duplicate " + name, "{\"" + name + "\":" + value + ",\"" + name + "\":" + value
                    + (fields.isEmpty() ? "" : "," + object(fields).substring(1, object(fields).length() - 1)) + "}");
        }
        properties.forEach((name, property) -> {
            for (String bad : badValues(property)) {
                Map<String, String> fields = validFields(schema);
                fields.put(name, bad);
                bodies.put(name + "=" + abbreviate(bad), object(fields));
            }
        });
        return bodies;
    }

    /** JSON values of the wrong type, or of the right type past the schema's bounds. */
    static List<String> badValues(Schema<?> property) {
        String type = type(property);
        List<String> values = new ArrayList<>();
        switch (type) {
            case "string" -> {
                values.addAll(List.of("12345", "1.5", "true", "[]", "{}"));
                if (property.getEnum() != null) {
                    values.add("\"corpus-bogus\"");
                }
                if (property.getMaxLength() != null) {
                    values.add(quote("s".repeat(property.getMaxLength() + 1)));
                }
                if (property.getMinLength() != null && property.getMinLength() > 0) {
                    values.addAll(List.of("\"\"", "\"   \"", quote("\uD83C\uDF89\uD83C\uDF89\uD83C\uDF89")));
                }
                if (property.getPattern() != null) {
                    values.addAll(List.of(quote("a/b"), quote("a\\\\b"), quote("a\\r\\nb"), quote("a\\u0000b"),
                            quote("x".repeat(5000)), quote("''")));
                }
            }
            case "integer" -> values.addAll(List.of("1.5", "\"7\"", "\"1.5\"", "true", "1e30", BIG_INTEGER,
                    "-" + BIG_INTEGER + "1", "[]", "{}", "-1", "1" + "0".repeat(1200)));
            case "number" -> values.addAll(List.of("\"7.5\"", "true", "1e30", BIG_INTEGER, "1e13", "-1", "-1e30",
                    "1e999999999", "1e-999999999", "[]", "{}", "1" + "0".repeat(1200)));
            case "boolean" -> values.addAll(List.of("\"true\"", "1"));
            case "array" -> values.addAll(List.of("\"x\"", "{}", "[12345]", "[null]"));
            case "object" -> values.addAll(List.of("\"x\"", "[]", "{\"k\":12345}", "{\"k\":{}}", "{\"k\":null}"));
            default -> values.add("12345");
        }
        return values;
    }

    private static List<String> badSegments(Parameter parameter) {
        List<String> values = new ArrayList<>(BAD_SEGMENTS);
        if (parameter.getSchema() != null && parameter.getSchema().getEnum() != null) {
            values.add("corpus-bogus");
        }
        return values;
    }

    private static List<String> badQueryValues(Schema<?> schema) {
        String type = schema == null ? "string" : type(schema);
        List<String> values = new ArrayList<>(List.of("x".repeat(5000), "'", "a%00b", "%FF", "a'%20eq%20'a", "a%2Fb",
                "a%0D%0Ab"));
        switch (type) {
            case "integer", "number" -> values.addAll(List.of("1.5", "1e30", BIG_INTEGER, "-1", "abc", "0", "101"));
            default -> {
                if (schema != null && schema.getEnum() != null) {
                    values.add("corpus-bogus");
                }
                if (schema != null && "date-time".equals(schema.getFormat())) {
                    values.addAll(List.of("yesterday", "9999-99-99T00:00:00Z", "-999999999-01-01T00:00:00Z"));
                }
            }
        }
        return values;
    }

    /** A valid body: every property with a value its schema accepts (so each case breaks one thing only). */
    static StringBuilder valid(Schema<?> schema) {
        return new StringBuilder(object(validFields(schema)));
    }

    private static Map<String, String> validFields(Schema<?> schema) {
        Map<String, String> fields = new LinkedHashMap<>();
        properties(schema).forEach((name, property) -> fields.put(name, validValue(name, property)));
        return fields;
    }

    private static String validValue(String name, Schema<?> property) {
        if (property.getEnum() != null && !property.getEnum().isEmpty()) {
            return quote(property.getEnum().get(0).toString());
        }
        return switch (type(property)) {
            case "integer" -> property.getMinimum() != null ? property.getMinimum().toBigInteger().max(
                    java.math.BigInteger.ONE).toString() : "1";
            case "number" -> "1.5";
            case "boolean" -> "true";
            case "array" -> "[]";
            case "object" -> "{}";
            default -> quote(switch (name) {
                case "question", "query", "text" -> "How long do refunds take?";
                case "product" -> "development";
                case "tenantId" -> "local";
                default -> VALID_ID;
            });
        };
    }

    private static String path(Op op, String badParameter, String badValue) {
        String path = op.path();
        for (Parameter parameter : op.pathParameters()) {
            String value = parameter.getName().equals(badParameter) ? badValue : validSegment(parameter);
            path = path.replace("{" + parameter.getName() + "}", value);
        }
        return path;
    }

    private static String validSegment(Parameter parameter) {
        Schema<?> schema = parameter.getSchema();
        if (schema != null && schema.getEnum() != null) {
            return schema.getEnum().get(0).toString();
        }
        return schema != null && schema.getPattern() != null && schema.getPattern().contains("poison")
                ? "corpus-poison" : VALID_ID;
    }

    private static Case withBody(Op op, String label, String target, String validBody) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (validBody != null) {
            headers.put("Content-Type", "application/json");
        }
        return new Case(op, label, target, headers, validBody == null ? null : bytes(validBody));
    }

    private static byte[] oversized(long limit) {
        StringBuilder body = new StringBuilder((int) limit + 64).append("{\"pad\":\"");
        body.append("p".repeat((int) limit + 16)).append("\"}");
        return bytes(body.toString());
    }

    private static OpenAPI parse(String app) {
        String resource = "/openapi/" + app + ".yaml";
        try (InputStream in = BadInputCorpus.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is not on the class path");
            }
            ParseOptions options = new ParseOptions();
            options.setResolve(true);
            options.setResolveFully(true);
            var result = new OpenAPIParser().readContents(new String(in.readAllBytes(), StandardCharsets.UTF_8),
                    null, options);
            if (result.getOpenAPI() == null) {
                throw new IllegalStateException(resource + ": " + result.getMessages());
            }
            return result.getOpenAPI();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Schema<?> jsonSchema(Operation operation) {
        if (operation.getRequestBody() == null || operation.getRequestBody().getContent() == null) {
            return null;
        }
        var media = operation.getRequestBody().getContent().get("application/json");
        return media == null ? null : media.getSchema();
    }

    private static List<String> bodyTypes(Operation operation) {
        if (operation.getRequestBody() == null || operation.getRequestBody().getContent() == null) {
            return List.of();
        }
        return List.copyOf(operation.getRequestBody().getContent().keySet());
    }

    private static Set<Integer> declared(Operation operation) {
        Set<Integer> statuses = new TreeSet<>();
        operation.getResponses().keySet().stream().filter(code -> code.matches("\\d{3}"))
                .forEach(code -> statuses.add(Integer.parseInt(code)));
        return statuses;
    }

    @SuppressWarnings("rawtypes")
    private static Map<String, Schema> properties(Schema<?> schema) {
        return schema.getProperties() == null ? Map.of() : schema.getProperties();
    }

    private static String type(Schema<?> schema) {
        if (schema.getType() != null) {
            return schema.getType();
        }
        if (schema.getTypes() != null && !schema.getTypes().isEmpty()) {
            return schema.getTypes().iterator().next();
        }
        return schema.getAdditionalProperties() != null || schema.getProperties() != null ? "object" : "string";
    }

    private static String object(Map<String, String> fields) {
        StringBuilder json = new StringBuilder("{");
        fields.forEach((name, value) -> json.append(json.length() > 1 ? "," : "").append(quote(name)).append(':')
                .append(value));
        return json.append('}').toString();
    }

    private static String quote(String text) {
        return "\"" + text + "\"";
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static String abbreviate(String value) {
        return value.length() > 40 ? value.substring(0, 12) + "…(" + value.length() + " chars)" : value;
    }
}
