package com.aiplatform.acceptance;

import com.aiplatform.acceptance.AcceptancePlatform.Suite;
import com.aiplatform.testing.documents.DocumentFixtures;
import com.aiplatform.testing.documents.ImageFixtures;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The assistant on the default composition: a PDF, a text file and a PNG uploaded, extracted off the request
 * path from its queue, asked about, and one of them published into the knowledge app, where search finds it.
 */
@Order(4)
@ExtendWith(AcceptancePlatform.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AssistantIT {

    static final String FILES = "/api/v1/assistant/files";

    private Suite suite;
    private Api shop;
    private final Map<String, String> ids = new LinkedHashMap<>();

    @BeforeAll
    void connect(Suite suite) {
        this.suite = suite;
        this.shop = suite.shop();
    }

    @Test
    @Order(1)
    void should_extract_a_pdf_a_text_file_and_a_png_off_the_request_path_when_uploaded() {
        ids.put("pdf", upload(shop, "bicycle.pdf", "application/pdf", DocumentFixtures.pdfPages("Bicycle manual", List.of(
                List.of("Inflate the tyres to four bar before every ride."),
                List.of("Oil the chain every two weeks with dry lubricant.")))));
        ids.put("text", upload(shop, "notes.txt", "text/plain",
                "The team meeting moved to Thursday at ten. Bring the quarterly figures.".getBytes(StandardCharsets.UTF_8)));
        ids.put("png", upload(shop, "receipt.png", "image/png", ImageFixtures.pngWithText(List.of("INVOICE 4711", "TOTAL 93 EUR"))));

        ids.values().forEach(id -> awaitReady(shop, id));

        JsonNode pdf = shop.get(FILES + "/" + ids.get("pdf")).json().get("extraction");
        assertThat(pdf.get("pageCount").asInt()).isEqualTo(2);
        assertThat(pdf.get("pages").get(1).get("text").asText()).contains("Oil the chain");
        JsonNode png = shop.get(FILES + "/" + ids.get("png")).json().get("extraction").get("image");
        assertThat(png.get("format").asText()).isEqualTo("png");
        assertThat(png.get("width").asInt()).isEqualTo(900);
    }

    @Test
    @Order(2)
    void should_answer_about_each_file_from_that_file() {
        JsonNode pdf = ask("pdf", "How often should the chain be oiled?");
        assertThat(pdf.get("path").asText()).isEqualTo("text");
        assertThat(pdf.get("answer").asText()).contains("every two weeks");
        assertThat(pdf.get("references")).anySatisfy(r -> assertThat(r.get("page").asInt()).isEqualTo(2));

        assertThat(ask("text", "When is the team meeting?").get("answer").asText()).contains("Thursday");

        JsonNode ocr = shop.get(FILES + "/" + ids.get("png")).json().get("extraction").path("ocr");
        if (ocr.path("status").asText().equals("recognised")) { // Tesseract installed: the text drawn in the image
            JsonNode total = ask("png", "What is the invoice total?");
            assertThat(total.get("path").asText()).isEqualTo("ocr");
            assertThat(total.get("answer").asText()).contains("93 EUR");
        } else { // no OCR on this machine: the answer comes from the image's metadata
            JsonNode size = ask("png", "What are the dimensions of this image?");
            assertThat(size.get("path").asText()).isEqualTo("metadata");
            assertThat(size.get("answer").asText()).contains("900");
        }
    }

    @Test
    @Order(3)
    void should_find_a_published_file_in_knowledge_search() {
        Api.Response published = shop.post(FILES + "/" + ids.get("pdf") + "/publish", null);

        assertThat(published.status()).as(published.toString()).isEqualTo(200);
        String documentId = published.json().get("documentId").asText();
        assertThat(documentId).isEqualTo("assistant-" + ids.get("pdf"));
        JsonNode results = shop.post("/api/v1/knowledge/search", Map.of("query", "how often to oil the bicycle chain",
                "topK", 3)).json().get("results");
        assertThat(results.get(0).get("documentId").asText()).as(results.toString()).isEqualTo(documentId);
        assertThat(suite.rival().post("/api/v1/knowledge/search", Map.of("query", "how often to oil the bicycle chain",
                "topK", 3)).json().get("results").findValuesAsText("documentId")).doesNotContain(documentId);
    }

    @Test
    @Order(4)
    void should_hide_a_file_from_another_tenant() {
        Api rival = suite.rival();
        assertThat(rival.get(FILES + "/" + ids.get("text")).status()).isEqualTo(404);
        assertThat(rival.post(FILES + "/" + ids.get("text") + "/ask", Map.of("question", "When?")).status()).isEqualTo(404);
        assertThat(rival.get(FILES).json().get("files").findValuesAsText("fileId")).doesNotContainAnyElementsOf(ids.values());
    }

    @Test
    @Order(5)
    void should_report_in_its_health_whether_ocr_runs_here_and_stay_up_without_it() {
        Api.Response health = suite.admin().get("/api/v1/assistant/health");

        assertThat(health.status()).as(health.toString()).isEqualTo(200);
        JsonNode ocr = health.json().get("dependencies").get("ocr");
        assertThat(ocr.get("status").asText()).as(ocr.toString()).isEqualTo(tesseractRuns() ? "up" : "unavailable");
        if (!tesseractRuns()) {
            assertThat(ocr.get("detail").asText()).contains("'tesseract' cannot run here", "read from their metadata");
        }
    }

    private static boolean tesseractRuns() {
        try {
            Process version = new ProcessBuilder("tesseract", "--version").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return version.waitFor() == 0;
        } catch (java.io.IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private JsonNode ask(String name, String question) {
        Api.Response answered = shop.post(FILES + "/" + ids.get(name) + "/ask", Map.of("question", question));
        assertThat(answered.status()).as(name + ": " + answered).isEqualTo(200);
        return answered.json();
    }

    static String upload(Api api, String fileName, String contentType, byte[] body) {
        Api.Response accepted = api.send("POST", FILES + "?fileName=" + fileName, contentType, body, Map.of());
        assertThat(accepted.status()).as(fileName + ": " + accepted).isEqualTo(202);
        return accepted.json().get("fileId").asText();
    }

    static JsonNode awaitReady(Api api, String id) {
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).until(() -> {
            String status = api.get(FILES + "/" + id).json().get("status").asText();
            assertThat(status).as("file " + id).isNotEqualTo("failed");
            return status.equals("ready");
        });
        return api.get(FILES + "/" + id).json();
    }
}
