package com.aiplatform.shared.functions;

import com.aiplatform.shared.problem.ProblemException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MultipartTest {

    private static final String BODY = """
            --b1\r
            Content-Disposition: form-data; name="title"\r
            \r
            Manual\r
            --b1\r
            Content-Disposition: form-data; name="file"; filename="manual.txt"\r
            Content-Type: text/plain\r
            \r
            Descale monthly.\r
            --b1--\r
            """;

    @Test
    void should_read_every_part_with_its_name_file_name_and_type_when_the_body_is_well_formed() {
        List<Multipart.Part> parts = Multipart.parse("multipart/form-data; boundary=b1",
                BODY.getBytes(StandardCharsets.UTF_8));

        assertThat(parts).hasSize(2);
        assertThat(parts.get(0).name()).isEqualTo("title");
        assertThat(parts.get(0).text()).isEqualTo("Manual");
        assertThat(parts.get(1).fileName()).contains("manual.txt");
        assertThat(parts.get(1).contentType()).isEqualTo("text/plain");
        assertThat(parts.get(1).text()).isEqualTo("Descale monthly.");
    }

    @Test
    void should_refuse_with_a_400_problem_when_the_boundary_is_missing_or_never_closed() {
        assertThatThrownBy(() -> Multipart.parse("multipart/form-data", BODY.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.problem().status()).isEqualTo(400));
        assertThatThrownBy(() -> Multipart.parse("multipart/form-data; boundary=b1",
                "--b1\r\nContent-Disposition: form-data; name=\"x\"\r\n\r\nno end".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.problem().status()).isEqualTo(400));
    }
}
