package com.aiplatform.local.knowledge;

import com.aiplatform.local.LocalPlatform;
import com.aiplatform.local.RunningPlatform;
import com.aiplatform.shared.event.PlatformEvent;
import com.aiplatform.testing.documents.DocumentFixtures;
import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The knowledge app end to end: the local platform on free ports (Azurite in memory, Lucene on disk,
 * the bundled model, the offline LLM, the platform app for keys and budgets), driven over HTTP only, through
 * the gateway with the development consumer's subscription key. Every response is checked against the
 * app's own OpenAPI document, which the app serves.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KnowledgeEndToEndTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    private RunningPlatform platform;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final List<PlatformEvent> events = new CopyOnWriteArrayList<>();
    private OpenApiInteractionValidator contract;

    @BeforeAll
    void start() throws Exception {
        platform = LocalPlatform.builder().inMemory().port(0).apps(Set.of("knowledge", "platform"))
                .settings(Map.of("ONNX_EMBEDDING_VARIANT", "int8", "KNOWLEDGE_MAX_DOCUMENT_BYTES", "200000"))
                .build().start();
        platform.events().subscribe("end-to-end-test", events::add);
        HttpResponse<String> spec = send("GET", "/api/v1/knowledge/openapi.yaml", null, null);
        assertThat(spec.statusCode()).isEqualTo(200);
        contract = OpenApiInteractionValidator.createForInlineApiSpecification(spec.body()).build();
    }

    @AfterAll
    void stop() {
        platform.close();
    }

    @Test
    @Order(1)
    void should_ingest_every_supported_format_and_announce_each() throws Exception {
        var created = send("POST", "/api/v1/knowledge/documents", "application/json", json(Map.of(
                "documentId", "returns", "title", "Returns policy",
                "text", "Items can be returned within 30 days of delivery. Refunds reach the original card within five business days.",
                "metadata", Map.of("team", "support"))));
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.headers().firstValue("Location")).contains("/api/v1/knowledge/documents/returns");
        assertThat(body(created).get("status").asText()).isEqualTo("created");

        var pdf = send("POST", "/api/v1/knowledge/documents", "multipart/form-data; boundary=e2e",
                multipart("e2e", "warranty.pdf", "application/pdf",
                        DocumentFixtures.pdf("Warranty", List.of("The warranty covers manufacturing defects for two years.",
                                "Batteries are covered for six months.")), Map.of("documentId", "warranty")));
        assertThat(pdf.statusCode()).as(pdf.body()).isEqualTo(201);
        assertThat(body(pdf).get("contentType").asText()).isEqualTo("application/pdf");
        assertThat(body(pdf).get("title").asText()).isEqualTo("Warranty");

        var docx = send("POST", "/api/v1/knowledge/documents?documentId=shipping&title=Shipping", DOCX,
                DocumentFixtures.docx("Shipping", List.of("Parcels to Norway take seven days.", "Express delivery costs twelve euros.")));
        assertThat(docx.statusCode()).as(docx.body()).isEqualTo(201);

        var html = send("POST", "/api/v1/knowledge/documents?documentId=privacy", "text/html",
                "<html><head><title>Privacy</title></head><body><p>We keep order data for <b>seven years</b> for tax law.</p></body></html>"
                        .getBytes(StandardCharsets.UTF_8));
        assertThat(html.statusCode()).as(html.body()).isEqualTo(201);
        assertThat(body(html).get("title").asText()).isEqualTo("Privacy");

        var markdown = send("POST", "/api/v1/knowledge/documents", "multipart/form-data; boundary=md",
                multipart("md", "setup.md", "text/markdown",
                        "# Account setup\n\nReset your password from the login page.\n".getBytes(StandardCharsets.UTF_8),
                        Map.of("documentId", "setup", "metadata", "{\"team\":\"it\"}")));
        assertThat(markdown.statusCode()).as(markdown.body()).isEqualTo(201);

        await().atMost(Duration.ofSeconds(20)).until(() -> ingestedIds().containsAll(
                List.of("returns", "warranty", "shipping", "privacy", "setup")));
        PlatformEvent event = events.stream().filter(e -> e.data().get("documentId").asText().equals("warranty"))
                .findFirst().orElseThrow();
        assertThat(event.type()).isEqualTo("AiPlatform.Knowledge.DocumentIngested");
        assertThat(event.data().get("tenantId").asText()).isEqualTo("local");
        assertThat(event.data().get("version").asLong()).isEqualTo(1);
        assertThat(event.data().get("chunkCount").asInt()).isPositive();
        assertThat(event.data().get("embeddingModel").asText()).isEqualTo("all-minilm-l6-v2-int8");
        assertThat(event.data().get("contentHash").asText()).hasSize(64);
    }

    @Test
    @Order(2)
    void should_say_unchanged_and_do_nothing_when_same_content_is_sent_again() throws Exception {
        int before = events.size();
        var again = send("POST", "/api/v1/knowledge/documents", "application/json", json(Map.of(
                "documentId", "returns", "title", "Returns policy",
                "text", "Items can be returned within 30 days of delivery. Refunds reach the original card within five business days.",
                "metadata", Map.of("team", "support"))));
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(body(again).get("status").asText()).isEqualTo("unchanged");
        assertThat(body(again).get("version").asInt()).isEqualTo(1);
        assertThat(events).hasSize(before);
    }

    @Test
    @Order(3)
    void should_list_and_get_documents() throws Exception {
        var list = send("GET", "/api/v1/knowledge/documents", null, null);
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(body(list).get("documents")).hasSize(5);
        var one = send("GET", "/api/v1/knowledge/documents/shipping", null, null);
        assertThat(one.statusCode()).isEqualTo(200);
        assertThat(body(one).get("contentType").asText()).isEqualTo(DOCX);
    }

    @Test
    @Order(4)
    void should_search_hybrid_with_filters_and_sources() throws Exception {
        var search = send("POST", "/api/v1/knowledge/search", "application/json",
                json(Map.of("query", "how much is express delivery", "topK", 3)));
        assertThat(search.statusCode()).isEqualTo(200);
        JsonNode first = body(search).get("results").get(0);
        assertThat(first.get("documentId").asText()).isEqualTo("shipping");
        assertThat(first.get("text").asText()).contains("twelve euros");
        assertThat(first.get("source").asText()).isEqualTo("/api/v1/knowledge/documents/shipping");

        var filtered = send("POST", "/api/v1/knowledge/search", "application/json",
                json(Map.of("query", "password", "filter", Map.of("team", "support"))));
        assertThat(body(filtered).get("results")).allSatisfy(hit ->
                assertThat(hit.get("documentId").asText()).isEqualTo("returns"));
    }

    @Test
    @Order(5)
    void should_answer_from_sources_with_citations_and_label_offline_fallback() throws Exception {
        var ask = send("POST", "/api/v1/knowledge/ask", "application/json",
                json(Map.of("question", "How long is the warranty for batteries?")));
        assertThat(ask.statusCode()).isEqualTo(200);
        JsonNode answer = body(ask);
        assertThat(answer.get("generator").asText()).isEqualTo("extractive-offline");
        assertThat(answer.get("answer").asText()).contains("six months").containsPattern("\\[\\d+]");
        assertThat(answer.get("citations")).anySatisfy(c -> assertThat(c.get("documentId").asText()).isEqualTo("warranty"));
    }

    @Test
    @Order(6)
    void should_refuse_bad_input_with_problem_json_and_never_5xx() throws Exception {
        byte[] corruptPdf = java.util.Arrays.copyOf(DocumentFixtures.pdf("Broken", List.of("cut short")), 80);
        Map<String, HttpResponse<String>> responses = new java.util.LinkedHashMap<>();
        responses.put("malformed json 400", send("POST", "/api/v1/knowledge/search", "application/json", "{\"query\":".getBytes()));
        responses.put("unknown field 400", send("POST", "/api/v1/knowledge/search", "application/json", json(Map.of("query", "x", "top", 3))));
        responses.put("empty body 400", send("POST", "/api/v1/knowledge/ask", "application/json", new byte[0]));
        responses.put("bad topK 400", send("POST", "/api/v1/knowledge/search", "application/json", json(Map.of("query", "x", "topK", 0))));
        responses.put("bad mode 400", send("POST", "/api/v1/knowledge/search", "application/json", json(Map.of("query", "x", "mode", "magic"))));
        responses.put("reserved filter 400", send("POST", "/api/v1/knowledge/search", "application/json", json(Map.of("query", "x", "filter", Map.of("generation", "1")))));
        responses.put("blank question 400", send("POST", "/api/v1/knowledge/ask", "application/json", json(Map.of("question", " "))));
        responses.put("search as text 415", send("POST", "/api/v1/knowledge/search", "text/plain", "query".getBytes()));
        responses.put("unsupported type 415", send("POST", "/api/v1/knowledge/documents", "image/png", new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10}));
        responses.put("contradicted type 415", send("POST", "/api/v1/knowledge/documents", "application/pdf", "not a pdf".getBytes()));
        responses.put("corrupt pdf 400", send("POST", "/api/v1/knowledge/documents", "application/pdf", corruptPdf));
        responses.put("no text 400", send("POST", "/api/v1/knowledge/documents", "application/json", json(Map.of("text", ""))));
        responses.put("bad id 400", send("POST", "/api/v1/knowledge/documents", "application/json", json(Map.of("text", "x", "documentId", "../x"))));
        responses.put("bad metadata 400", send("POST", "/api/v1/knowledge/documents", "application/json", json(Map.of("text", "x", "metadata", Map.of("version", "2")))));
        responses.put("too large 413", send("POST", "/api/v1/knowledge/documents", "text/plain", "word ".repeat(50_000).getBytes()));
        responses.put("unknown document 404", send("GET", "/api/v1/knowledge/documents/nope", null, null));
        responses.put("delete unknown 404", send("DELETE", "/api/v1/knowledge/documents/nope", null, null));
        responses.put("id storage refuses 400", send("GET", "/api/v1/knowledge/documents/bad%23id", null, null));
        responses.put("delete bad id 400", send("DELETE", "/api/v1/knowledge/documents/a%3Fb", null, null));

        responses.forEach((name, response) -> {
            int expected = Integer.parseInt(name.substring(name.length() - 3));
            assertThat(response.statusCode()).as(name + ": " + response.body()).isEqualTo(expected);
            assertThat(response.headers().firstValue("Content-Type")).as(name).contains("application/problem+json");
            JsonNode problem = parse(response.body());
            assertThat(problem.get("status").asInt()).as(name).isEqualTo(expected);
            assertThat(problem.get("title").asText()).as(name).isNotBlank();
            assertThat(response.body()).as(name).doesNotContain("Exception").doesNotContain("\tat ");
        });
        var wrongMethod = send("PUT", "/api/v1/knowledge/search", "application/json", json(Map.of("query", "x")));
        assertThat(wrongMethod.statusCode()).isEqualTo(405);
        assertThat(send("GET", "/api/v1/knowledge/documents", null, null).body()).doesNotContain("\"nope\"");
    }

    @Test
    @Order(7)
    void should_report_every_dependency_up() throws Exception {
        var health = send("GET", "/api/v1/knowledge/health", null, null);
        assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
        assertThat(body(health).get("dependencies").properties()).extracting(Map.Entry::getKey)
                .contains("blobStorage", "tableStorage", "vectorStore", "embedder", "llm");
    }

    @Test
    @Order(8)
    void should_remove_document_everywhere_when_deleted() throws Exception {
        var deleted = send("DELETE", "/api/v1/knowledge/documents/warranty", null, null);
        assertThat(deleted.statusCode()).isEqualTo(204);
        assertThat(send("GET", "/api/v1/knowledge/documents/warranty", null, null).statusCode()).isEqualTo(404);
        var search = send("POST", "/api/v1/knowledge/search", "application/json",
                json(Map.of("query", "warranty batteries six months", "topK", 10)));
        assertThat(body(search).get("results")).noneSatisfy(hit ->
                assertThat(hit.get("documentId").asText()).isEqualTo("warranty"));
        await().atMost(Duration.ofSeconds(20)).until(() -> events.stream().anyMatch(e ->
                e.type().equals("AiPlatform.Knowledge.DocumentDeleted")
                        && e.data().get("documentId").asText().equals("warranty")));
    }

    @Test
    @Order(9)
    void should_have_a_contract_check_that_catches_a_response_breaking_the_document() {
        var wrong = SimpleResponse.Builder.status(200).withContentType("application/json")
                .withBody("{\"query\":\"x\",\"mode\":\"hybrid\",\"results\":[{\"chunkId\":1}],\"extra\":true}").build();
        assertThat(contract.validateResponse("/api/v1/knowledge/search", Request.Method.POST, wrong).getMessages())
                .isNotEmpty();
    }

    private List<String> ingestedIds() {
        return events.stream().filter(e -> e.type().equals("AiPlatform.Knowledge.DocumentIngested"))
                .map(e -> e.data().get("documentId").asText()).toList();
    }

    private HttpResponse<String> send(String method, String path, String contentType, byte[] body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(platform.baseUrl() + path))
                .header("x-aiplatform-tenant-id", "spoofed-tenant")
                .header("Ocp-Apim-Subscription-Key", platform.developmentKey().orElseThrow())
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isLessThan(500);
        if (contract != null && response.statusCode() != 405) {
            assertMatchesContract(method, path, response);
        }
        return response;
    }

    private void assertMatchesContract(String method, String path, HttpResponse<String> response) {
        var builder = SimpleResponse.Builder.status(response.statusCode());
        response.headers().firstValue("Content-Type").ifPresent(type -> builder.withContentType(type));
        if (!response.body().isEmpty()) {
            builder.withBody(response.body());
        }
        String pathOnly = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
        ValidationReport report = contract.validateResponse(pathOnly, Request.Method.valueOf(method), builder.build());
        assertThat(report.getMessages()).as(method + " " + path + " against the OpenAPI document").isEmpty();
    }

    private static JsonNode body(HttpResponse<String> response) {
        return parse(response.body());
    }

    private static JsonNode parse(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new AssertionError("Not JSON: " + text, e);
        }
    }

    private static byte[] json(Object value) throws IOException {
        return JSON.writeValueAsBytes(value);
    }

    private static byte[] multipart(String boundary, String fileName, String type, byte[] file, Map<String, String> fields)
            throws IOException {
        var out = new ByteArrayOutputStream();
        for (var field : fields.entrySet()) {
            out.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field.getKey() + "\"\r\n\r\n"
                    + field.getValue() + "\r\n").getBytes(StandardCharsets.UTF_8));
        }
        out.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                + "\"\r\nContent-Type: " + type + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        out.write(file);
        out.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }
}
