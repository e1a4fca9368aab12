package com.aiplatform.local.assistant;

import com.aiplatform.local.LocalPlatform;
import com.aiplatform.local.RunningPlatform;
import com.aiplatform.shared.azure.AzureStorageClients;
import com.aiplatform.shared.blob.BlobKey;
import com.aiplatform.shared.blob.BlobStore;
import com.aiplatform.shared.event.PlatformEvent;
import com.aiplatform.shared.identity.TenantId;
import com.aiplatform.shared.json.Json;
import com.aiplatform.testing.documents.DocumentFixtures;
import com.aiplatform.testing.documents.ImageFixtures;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static com.aiplatform.local.assistant.ApiClient.json;
import static com.aiplatform.local.assistant.ApiClient.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The assistant app end to end, beside the knowledge app it publishes to: the local platform on free ports
 * (Azurite in memory, the bundled model, the offline answerer, Tesseract when installed), driven over HTTP
 * only, as two tenants. Every assistant response is checked against the app's own OpenAPI document.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AssistantEndToEndTest {

    private static final String FILES = "/api/v1/assistant/files";
    private static final String DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    private static final long MAX_FILE_BYTES = 3_000_000;

    private RunningPlatform platform;
    private ApiClient api;
    private Path scratch;
    private Set<String> tempBefore;
    private final Map<String, String> ids = new LinkedHashMap<>();

    @BeforeAll
    void start() throws IOException {
        scratch = Files.createTempDirectory("assistant-scratch");
        platform = LocalPlatform.builder().inMemory().port(0).apps(Set.of("knowledge", "assistant"))
                .gateway(new TenantFromTestHeader())
                .settings(Map.of("ONNX_EMBEDDING_VARIANT", "int8", "ASSISTANT_MAX_FILE_BYTES", Long.toString(MAX_FILE_BYTES),
                        "ASSISTANT_SCRATCH_DIR", scratch.toString()))
                .build().start();
        api = new ApiClient(platform.baseUrl(), "/api/v1/assistant/");
        var spec = api.send("local", "GET", "/api/v1/assistant/openapi.yaml", null, null);
        assertThat(spec.statusCode()).isEqualTo(200);
        api.validateAgainst(text(spec));
        tempBefore = tempEntries();
    }

    @AfterAll
    void stop() throws IOException {
        platform.close();
        Files.deleteIfExists(scratch);
    }

    @Test
    @Order(1)
    void should_accept_a_pdf_a_docx_images_and_a_text_file_and_extract_each_off_the_request_path() {
        upload("pdf", "multipart/form-data; boundary=e2e", ApiClient.multipart("e2e", "manual.pdf", "application/pdf",
                DocumentFixtures.pdfPages("Espresso manual", List.of(List.of("Fill the water tank before the first use."),
                        List.of("Descale the boiler every month with citric acid.")))));
        upload("docx", DOCX + "?fileName=shipping.docx", DocumentFixtures.docx("Shipping",
                List.of("Parcels to Norway take seven days.", "Express delivery costs twelve euros.")));
        upload("photo", "image/jpeg?fileName=photo.jpg", ImageFixtures.jpegWithExif(120, 80, Map.of(
                ImageFixtures.MAKE, "Acme Optics", ImageFixtures.MODEL, "Falcon 9")));
        upload("receipt", "image/png?fileName=receipt.png",
                ImageFixtures.pngWithText(List.of("INVOICE 4711", "TOTAL 93 EUR")));
        upload("notes", "text/plain?fileName=notes.txt",
                "The team meeting moved to Thursday at ten. Bring the quarterly figures.".getBytes(StandardCharsets.UTF_8));

        ids.forEach((name, id) -> awaitStatus("local", id, "ready"));

        JsonNode pdf = file("pdf").path("extraction");
        assertThat(pdf.path("pageCount").asInt()).isEqualTo(2);
        assertThat(pdf.path("pages").get(1).path("text").asText()).contains("Descale the boiler");
        assertThat(pdf.path("title").asText()).isEqualTo("Espresso manual");
        assertThat(file("pdf").path("contentType").asText()).isEqualTo("application/pdf");
        assertThat(file("docx").path("extraction").path("text").asText()).contains("Parcels to Norway take seven days.");
        JsonNode photo = file("photo").path("extraction").path("image");
        assertThat(photo.path("format").asText()).isEqualTo("jpeg");
        assertThat(photo.path("width").asInt()).isEqualTo(120);
        assertThat(photo.path("height").asInt()).isEqualTo(80);
        assertThat(photo.path("exif").path("Make").asText()).isEqualTo("Acme Optics");
        assertThat(file("notes").path("extraction").path("text").asText()).startsWith("The team meeting moved");
        assertThat(file("notes").path("extraction").path("chunkCount").asInt()).isEqualTo(1);
    }

    @Test
    @Order(2)
    void should_answer_questions_about_each_file_from_that_file_with_page_references() {
        JsonNode pdf = ask("pdf", "How often should the boiler be descaled?");
        assertThat(pdf.path("path").asText()).isEqualTo("text");
        assertThat(pdf.path("generator").asText()).isEqualTo("extractive-offline");
        assertThat(pdf.path("answer").asText()).contains("every month");
        assertThat(pdf.path("references")).anySatisfy(r -> assertThat(r.path("page").asInt()).isEqualTo(2));

        assertThat(ask("docx", "How long do parcels to Norway take?").path("answer").asText()).contains("seven days");
        assertThat(ask("notes", "When is the team meeting?").path("answer").asText()).contains("Thursday");

        JsonNode photo = ask("photo", "Which camera model took this photo?");
        assertThat(photo.path("path").asText()).isEqualTo("metadata");
        assertThat(photo.path("answer").asText()).contains("Falcon 9");
    }

    @Test
    @Order(3)
    void should_answer_from_the_text_read_in_the_image_when_tesseract_is_installed() {
        JsonNode ocr = file("receipt").path("extraction").path("ocr");
        assumeTrue(ocr.path("status").asText().equals("recognised"), "tesseract is not installed: " + ocr);
        assertThat(file("receipt").path("extraction").path("text").asText()).contains("TOTAL 93 EUR");

        JsonNode answer = ask("receipt", "What is the invoice total?");
        assertThat(answer.path("path").asText()).isEqualTo("ocr");
        assertThat(answer.path("answer").asText()).contains("93 EUR");
    }

    @Test
    @Order(4)
    void should_give_back_the_original_bytes_with_their_content_type() {
        var content = api.send("local", "GET", FILES + "/" + ids.get("docx") + "/content", null, null);
        assertThat(content.statusCode()).isEqualTo(200);
        assertThat(content.headers().firstValue("Content-Type")).contains(DOCX);
        assertThat(content.body()).startsWith('P', 'K');
        assertThat(content.body().length).isEqualTo(file("docx").path("sizeBytes").asInt());
    }

    @Test
    @Order(5)
    void should_publish_a_file_to_knowledge_where_search_then_finds_it() {
        var published = api.send("local", "POST", FILES + "/" + ids.get("docx") + "/publish", null, null);
        assertThat(published.statusCode()).as(text(published)).isEqualTo(200);
        String documentId = json(published).path("documentId").asText();
        assertThat(documentId).isEqualTo("assistant-" + ids.get("docx"));
        assertThat(json(published).path("status").asText()).isEqualTo("created");

        var search = api.send("local", "POST", "/api/v1/knowledge/search", "application/json",
                ApiClient.json(Map.of("query", "express delivery price", "topK", 3)));
        assertThat(json(search).path("results").get(0).path("documentId").asText()).isEqualTo(documentId);
        var again = api.send("local", "POST", FILES + "/" + ids.get("docx") + "/publish", null, null);
        assertThat(json(again).path("status").asText()).isEqualTo("unchanged");
        var otherTenant = api.send("tenant-b", "POST", "/api/v1/knowledge/search", "application/json",
                ApiClient.json(Map.of("query", "express delivery price", "topK", 3)));
        assertThat(json(otherTenant).path("results")).isEmpty();
    }

    @Test
    @Order(6)
    void should_pick_up_a_file_uploaded_straight_to_the_container_when_event_grid_announces_it() {
        byte[] memo = "The parking garage closes at midnight on Fridays.".getBytes(StandardCharsets.UTF_8);
        BlobStore blobs = AzureStorageClients.fromSettings(platform.settings()).blobStore();
        blobs.upsert(new BlobKey("assistant-files", TenantId.of("local"), "uploads/memo.txt"), memo, "text/plain", Map.of());
        var data = Json.mapper().createObjectNode().put("api", "PutBlob").put("contentType", "text/plain")
                .put("contentLength", memo.length).put("eTag", "0x8DCE2E0A1B2C3D4").put("blobType", "BlockBlob")
                .put("url", "http://127.0.0.1/devstoreaccount1/assistant-files/local/uploads/memo.txt");
        platform.events().publish(new PlatformEvent("blob-created-1", "/subscriptions/s/resourceGroups/r/providers/"
                + "Microsoft.Storage/storageAccounts/devstoreaccount1", "Microsoft.Storage.BlobCreated",
                "/blobServices/default/containers/assistant-files/blobs/local/uploads/memo.txt", Instant.now(), data, null));

        await().atMost(Duration.ofSeconds(60)).until(() -> list("local").stream()
                .anyMatch(f -> f.path("fileName").asText().equals("memo.txt") && f.path("status").asText().equals("ready")));
        String id = list("local").stream().filter(f -> f.path("fileName").asText().equals("memo.txt")).findFirst()
                .orElseThrow().path("fileId").asText();
        ids.put("memo", id);
        assertThat(file("memo").path("source").asText()).isEqualTo("blob-created");
        assertThat(ask("memo", "When does the parking garage close?").path("answer").asText()).contains("midnight");
    }

    @Test
    @Order(7)
    void should_refuse_bad_input_with_problem_json_and_never_5xx() {
        byte[] png = ImageFixtures.picture(16, 16, "png");
        String known = FILES + "/" + ids.get("notes");
        Map<String, HttpResponse<byte[]>> responses = new LinkedHashMap<>();
        responses.put("type contradicted by magic bytes 415", api.send("local", "POST", FILES, "application/pdf", png));
        responses.put("jpeg declared, png sent 415", api.send("local", "POST", FILES, "image/jpeg", png));
        responses.put("unsupported format 415", api.send("local", "POST", FILES, "application/zip", new byte[] {'P', 'K', 3, 4, 1}));
        responses.put("empty file 400", api.send("local", "POST", FILES, "text/plain", new byte[0]));
        responses.put("empty multipart file 400", api.send("local", "POST", FILES, "multipart/form-data; boundary=b",
                ApiClient.multipart("b", "empty.txt", "text/plain", new byte[0])));
        responses.put("too large 413", api.send("local", "POST", FILES, "text/plain",
                "x".repeat((int) MAX_FILE_BYTES + 1).getBytes(StandardCharsets.UTF_8)));
        responses.put("huge-dimension png 422", api.send("local", "POST", FILES, "image/png",
                ImageFixtures.pngDeclaring(100_000, 100_000)));
        responses.put("unknown id 404", api.send("local", "GET", FILES + "/0123456789abcdef0123456789abcdef", null, null));
        responses.put("malformed id 404", api.send("local", "GET", FILES + "/..%2Fsecret", null, null));
        responses.put("other tenant get 404", api.send("tenant-b", "GET", known, null, null));
        responses.put("other tenant content 404", api.send("tenant-b", "GET", known + "/content", null, null));
        responses.put("other tenant ask 404", api.send("tenant-b", "POST", known + "/ask", "application/json",
                ApiClient.json(Map.of("question", "When is the meeting?"))));
        responses.put("other tenant publish 404", api.send("tenant-b", "POST", known + "/publish", null, null));
        responses.put("other tenant delete 404", api.send("tenant-b", "DELETE", known, null, null));
        responses.put("blank question 400", api.send("local", "POST", known + "/ask", "application/json",
                ApiClient.json(Map.of("question", " "))));
        responses.put("malformed question 400", api.send("local", "POST", known + "/ask", "application/json",
                "{\"question\":".getBytes(StandardCharsets.UTF_8)));
        responses.put("question as text 415", api.send("local", "POST", known + "/ask", "text/plain",
                "When?".getBytes(StandardCharsets.UTF_8)));

        responses.forEach((name, response) -> {
            int expected = Integer.parseInt(name.substring(name.length() - 3));
            assertThat(response.statusCode()).as(name + ": " + text(response)).isEqualTo(expected);
            assertThat(response.headers().firstValue("Content-Type")).as(name).contains("application/problem+json");
            assertThat(json(response).path("status").asInt()).as(name).isEqualTo(expected);
            assertThat(text(response)).as(name).doesNotContain("Exception").doesNotContain("\tat ");
        });
        assertThat(api.send("local", "GET", known, null, null).statusCode()).isEqualTo(200);
    }

    @Test
    @Order(8)
    void should_record_a_failed_extraction_with_422_when_a_pdf_is_corrupt_or_a_docx_is_a_zip_bomb() {
        byte[] corrupt = java.util.Arrays.copyOf(DocumentFixtures.pdf("Broken", List.of("cut short")), 80);
        upload("corrupt", "application/pdf", corrupt);
        upload("bomb", DOCX, DocumentFixtures.zipBombDocx(100 * 1024 * 1024));

        for (String name : List.of("corrupt", "bomb")) {
            JsonNode failed = awaitStatus("local", ids.get(name), "failed");
            assertThat(failed.path("error").path("status").asInt()).as(name).isEqualTo(422);
            assertThat(failed.has("extraction")).isFalse();
            var ask = api.send("local", "POST", FILES + "/" + ids.get(name) + "/ask", "application/json",
                    ApiClient.json(Map.of("question", "What is in it?")));
            assertThat(ask.statusCode()).as(name).isEqualTo(422);
        }
        assertThat(file("bomb").path("error").path("type").asText()).endsWith(":decompression-bomb");
    }

    @Test
    @Order(9)
    void should_remove_the_original_the_extraction_and_the_record_when_deleted() {
        String id = ids.get("pdf");
        var deleted = api.send("local", "DELETE", FILES + "/" + id, null, null);
        assertThat(deleted.statusCode()).isEqualTo(204);
        assertThat(api.send("local", "GET", FILES + "/" + id, null, null).statusCode()).isEqualTo(404);
        assertThat(api.send("local", "GET", FILES + "/" + id + "/content", null, null).statusCode()).isEqualTo(404);
        BlobStore blobs = AzureStorageClients.fromSettings(platform.settings()).blobStore();
        assertThat(blobs.list("assistant-files", TenantId.of("local"), "files/" + id)).isEmpty();
        assertThat(api.send("local", "DELETE", FILES + "/" + ids.get("memo"), null, null).statusCode()).isEqualTo(204);
        assertThat(blobs.list("assistant-files", TenantId.of("local"), "uploads/")).isEmpty();
    }

    @Test
    @Order(10)
    void should_leave_no_temporary_files_and_meter_every_model_call() throws IOException {
        try (Stream<Path> left = Files.list(scratch)) {
            assertThat(left).as("the scratch directory").isEmpty();
        }
        assertThat(tempEntries()).as("new entries in java.io.tmpdir from parsers").isSubsetOf(tempBefore);
        var queue = AzureStorageClients.fromSettings(platform.settings()).workQueue();
        List<String> usage = new java.util.ArrayList<>();
        for (var batch = queue.receive("usage-records", 32, Duration.ofMinutes(1)); !batch.isEmpty();
             batch = queue.receive("usage-records", 32, Duration.ofMinutes(1))) {
            batch.forEach(message -> usage.add(message.body()));
        }
        assertThat(usage.stream().filter(body -> body.contains("\"app\":\"assistant\"")))
                .anySatisfy(body -> assertThat(body).contains("\"operation\":\"ask-file\""))
                .anySatisfy(body -> assertThat(body).contains("\"operation\":\"embed-file\""));
    }

    private void upload(String name, String typeAndQuery, byte[] body) {
        String[] parts = typeAndQuery.split("\\?", 2);
        String path = parts.length == 2 ? FILES + "?" + parts[1] : FILES;
        var response = api.send("local", "POST", path, parts[0], body);
        assertThat(response.statusCode()).as(name + ": " + text(response)).isEqualTo(202);
        assertThat(response.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).startsWith(FILES + "/"));
        ids.put(name, json(response).path("fileId").asText());
    }

    private JsonNode awaitStatus(String tenant, String id, String status) {
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250)).until(() ->
                json(api.send(tenant, "GET", FILES + "/" + id, null, null)).path("status").asText().equals(status));
        return json(api.send(tenant, "GET", FILES + "/" + id, null, null));
    }

    private JsonNode file(String name) {
        return json(api.send("local", "GET", FILES + "/" + ids.get(name), null, null));
    }

    private JsonNode ask(String name, String question) {
        var response = api.send("local", "POST", FILES + "/" + ids.get(name) + "/ask", "application/json",
                ApiClient.json(Map.of("question", question)));
        assertThat(response.statusCode()).as(name + ": " + text(response)).isEqualTo(200);
        return json(response);
    }

    private List<JsonNode> list(String tenant) {
        JsonNode files = json(api.send(tenant, "GET", FILES, null, null)).path("files");
        return java.util.stream.StreamSupport.stream(files.spliterator(), false).toList();
    }

    /** Entries in java.io.tmpdir that Tika, POI, PDFBox, ImageIO or Tesseract would create. */
    private static Set<String> tempEntries() throws IOException {
        try (Stream<Path> entries = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return entries.map(p -> p.getFileName().toString())
                    .filter(n -> n.matches("(?i).*(tika|poifiles|pdfbox|imageio|tess|lept).*"))
                    .collect(Collectors.toSet());
        }
    }
}
