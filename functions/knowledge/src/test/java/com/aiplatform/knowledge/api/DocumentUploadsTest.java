package com.aiplatform.knowledge.api;

import com.aiplatform.shared.identity.Readers;
import com.aiplatform.shared.problem.ProblemException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DocumentUploadsTest {

    static byte[] body(String boundary, String... parts) {
        StringBuilder body = new StringBuilder();
        for (String part : parts) {
            body.append("--").append(boundary).append("\r\n").append(part).append("\r\n");
        }
        body.append("--").append(boundary).append("--\r\n");
        return body.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void should_read_file_and_fields_when_multipart() {
        byte[] body = body("XyZ",
                "Content-Disposition: form-data; name=\"title\"\r\n\r\nMy notes",
                "Content-Disposition: form-data; name=\"file\"; filename=\"notes.md\"\r\nContent-Type: text/markdown\r\n\r\n# Notes\r\nLine two",
                "Content-Disposition: form-data; name=\"metadata\"\r\n\r\n{\"team\":\"support\"}");
        var upload = DocumentUploads.read("multipart/form-data; boundary=XyZ", body, Map.of());
        assertThat(new String(upload.content(), StandardCharsets.UTF_8)).isEqualTo("# Notes\r\nLine two");
        assertThat(upload.contentType()).isEqualTo("text/markdown");
        assertThat(upload.fileName()).contains("notes.md");
        assertThat(upload.title()).contains("My notes");
        assertThat(upload.metadata()).containsEntry("team", "support");
    }

    @Test
    void should_read_readers_from_json_multipart_and_query_parameters() {
        var json = DocumentUploads.read("application/json", ("{\"text\":\"Salary bands\","
                + "\"readers\":{\"groups\":[\"hr\"],\"users\":[\"alice\"]}}").getBytes(StandardCharsets.UTF_8), Map.of());
        assertThat(json.readers()).contains(Readers.of(List.of("hr"), List.of("alice")));
        var wide = DocumentUploads.read("application/json",
                "{\"text\":\"Holidays\",\"readers\":{\"tenantWide\":true}}".getBytes(StandardCharsets.UTF_8), Map.of());
        assertThat(wide.readers()).contains(Readers.wholeTenant());
        var none = DocumentUploads.read("application/json", "{\"text\":\"Mine\"}".getBytes(StandardCharsets.UTF_8), Map.of());
        assertThat(none.readers()).isEmpty();
        byte[] multipart = body("XyZ",
                "Content-Disposition: form-data; name=\"file\"; filename=\"n.md\"\r\nContent-Type: text/markdown\r\n\r\n# N",
                "Content-Disposition: form-data; name=\"readers\"\r\n\r\n{\"groups\":[\"sales\"]}");
        assertThat(DocumentUploads.read("multipart/form-data; boundary=XyZ", multipart, Map.of()).readers())
                .contains(Readers.of(List.of("sales"), List.of()));
        assertThat(DocumentUploads.read("text/plain", "x".getBytes(), Map.of("readerGroups", "hr, sales",
                "readerUsers", "bob")).readers()).contains(Readers.of(List.of("hr", "sales"), List.of("bob")));
        assertThat(DocumentUploads.read("text/plain", "x".getBytes(), Map.of("tenantWide", "true")).readers())
                .contains(Readers.wholeTenant());
    }

    @Test
    void should_refuse_with_400_readers_that_name_nobody_mix_tenant_wide_or_break_the_name_rule() {
        for (String readers : List.of("{}", "{\"groups\":[]}", "{\"tenantWide\":false}",
                "{\"tenantWide\":true,\"groups\":[\"hr\"]}", "{\"groups\":[\"a,b\"]}", "{\"everyone\":true}",
                "{\"groups\":\"hr\"}", "[]")) {
            byte[] body = ("{\"text\":\"x\",\"readers\":" + readers + "}").getBytes(StandardCharsets.UTF_8);
            assertThatThrownBy(() -> DocumentUploads.read("application/json", body, Map.of())).as(readers)
                    .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.status()).isEqualTo(400));
        }
        assertThatThrownBy(() -> DocumentUploads.read("text/plain", "x".getBytes(), Map.of("tenantWide", "yes")))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.status()).isEqualTo(400));
        assertThatThrownBy(() -> DocumentUploads.read("text/plain", "x".getBytes(), Map.of("readerGroups", " , ")))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.status()).isEqualTo(400));
    }

    @Test
    void should_refuse_with_400_when_multipart_is_malformed() {
        assertThatThrownBy(() -> DocumentUploads.read("multipart/form-data", "x".getBytes(), Map.of()))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.status()).isEqualTo(400));
        byte[] noFile = body("b", "Content-Disposition: form-data; name=\"title\"\r\n\r\nOnly a title");
        assertThatThrownBy(() -> DocumentUploads.read("multipart/form-data; boundary=b", noFile, Map.of()))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.problem().detail()).contains("'file'"));
        byte[] unterminated = "--b\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\nabc".getBytes();
        assertThatThrownBy(() -> DocumentUploads.read("multipart/form-data; boundary=b", unterminated, Map.of()))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.status()).isEqualTo(400));
        for (String metadata : List.of("{\"team\":null}", "{\"team\":12345}", "[\"team\"]", "{\"a\":1,\"a\":2}")) {
            byte[] badMetadata = body("b", "Content-Disposition: form-data; name=\"file\"; filename=\"a.txt\"\r\n"
                    + "Content-Type: text/plain\r\n\r\nText", "Content-Disposition: form-data; name=\"metadata\"\r\n\r\n" + metadata);
            assertThatThrownBy(() -> DocumentUploads.read("multipart/form-data; boundary=b", badMetadata, Map.of()))
                    .as(metadata).isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.status()).isEqualTo(400));
        }
    }

    @Test
    void should_read_json_document_and_refuse_bad_ids() {
        var upload = DocumentUploads.read("application/json; charset=utf-8",
                "{\"text\":\"Hello\",\"documentId\":\"faq-1\",\"metadata\":{\"lang\":\"en\"}}".getBytes(), Map.of());
        assertThat(upload.documentId()).contains("faq-1");
        assertThat(upload.metadata()).isEqualTo(Map.of("lang", "en"));
        assertThatThrownBy(() -> DocumentUploads.read("application/json",
                "{\"text\":\"Hello\",\"documentId\":\"../etc\"}".getBytes(), Map.of()))
                .isInstanceOfSatisfying(ProblemException.class, e ->
                        assertThat((List<?>) e.problem().extensions().get("errors")).hasSize(1));
        assertThatThrownBy(() -> DocumentUploads.read("application/json",
                "{\"text\":\"Hello\",\"txt\":\"typo\"}".getBytes(), Map.of()))
                .isInstanceOfSatisfying(ProblemException.class,
                        e -> assertThat(e.problem().detail()).isEqualTo("Unknown field 'txt'"));
        assertThatThrownBy(() -> DocumentUploads.read("application/json", "{\"txt\":\"Hello\"}".getBytes(), Map.of()))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.status()).isEqualTo(400));
    }
}
