package com.aiplatform.assistant.api;

import com.aiplatform.shared.problem.ProblemException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UploadsTest {

    private static byte[] multipart(String fileName, String type, String content) {
        return ("--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName + "\"\r\nContent-Type: "
                + type + "\r\n\r\n" + content + "\r\n--b--\r\n").getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void should_take_the_file_part_with_its_own_type_and_name_when_the_body_is_multipart() {
        var upload = Uploads.read("multipart/form-data; boundary=b", multipart("notes.txt", "text/plain", "hello"), Map.of());

        assertThat(new String(upload.content(), StandardCharsets.UTF_8)).isEqualTo("hello");
        assertThat(upload.contentType()).isEqualTo("text/plain");
        assertThat(upload.fileName()).contains("notes.txt");
    }

    @Test
    void should_keep_only_the_last_path_segment_when_a_file_name_carries_a_path() {
        assertThat(Uploads.read("text/plain", "x".getBytes(), Map.of("fileName", "../../etc/passwd")).fileName())
                .contains("passwd");
        assertThat(Uploads.read("multipart/form-data; boundary=b", multipart("C:\\Users\\a\\scan.png", "image/png", "x"),
                Map.of()).fileName()).contains("scan.png");
        assertThat(Uploads.read("text/plain", "x".getBytes(), Map.of()).fileName()).isEqualTo(Optional.empty());
    }

    @Test
    void should_refuse_with_400_when_the_file_is_empty_or_the_multipart_has_no_file_part() {
        assertThatThrownBy(() -> Uploads.read("text/plain", new byte[0], Map.of()))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.status()).isEqualTo(400));
        assertThatThrownBy(() -> Uploads.read("multipart/form-data; boundary=b", multipart("a.txt", "text/plain", ""),
                Map.of())).isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.status()).isEqualTo(400));
        byte[] noFile = "--b\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\nx\r\n--b--\r\n".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> Uploads.read("multipart/form-data; boundary=b", noFile, Map.of()))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.status()).isEqualTo(400));
        assertThatThrownBy(() -> Uploads.read("text/plain", "x".getBytes(), Map.of("fileName", "bad\u0001name")))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.status()).isEqualTo(400));
    }
}
