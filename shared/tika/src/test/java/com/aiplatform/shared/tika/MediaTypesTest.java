package com.aiplatform.shared.tika;

import com.aiplatform.shared.problem.ProblemException;
import com.aiplatform.testing.documents.DocumentFixtures;
import com.aiplatform.testing.documents.ImageFixtures;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MediaTypesTest {

    private static final String DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    private final MediaTypes types = new MediaTypes(Stream.concat(MediaTypes.DOCUMENTS.stream(),
            MediaTypes.IMAGES.stream()).collect(Collectors.toSet()));

    @Test
    void should_take_the_type_from_the_bytes_when_nothing_or_octet_stream_is_declared() {
        assertThat(types.resolve(ImageFixtures.picture(8, 8, "png"), "", Optional.empty())).isEqualTo("image/png");
        assertThat(types.resolve(ImageFixtures.picture(8, 8, "jpeg"), "application/octet-stream", Optional.empty()))
                .isEqualTo("image/jpeg");
        assertThat(types.resolve(DocumentFixtures.pdf("T", List.of("x")), null, Optional.empty()))
                .isEqualTo("application/pdf");
        assertThat(types.resolve(DocumentFixtures.docx("T", List.of("x")), "", Optional.of("a.docx"))).isEqualTo(DOCX);
    }

    @Test
    void should_accept_the_declared_type_when_the_bytes_agree() {
        assertThat(types.resolve(DocumentFixtures.docx("T", List.of("x")), DOCX, Optional.empty())).isEqualTo(DOCX);
        assertThat(types.resolve("# Title".getBytes(StandardCharsets.UTF_8), "text/markdown; charset=utf-8",
                Optional.empty())).isEqualTo("text/x-web-markdown");
        assertThat(types.resolve(ImageFixtures.picture(8, 8, "jpeg"), "image/jpg", Optional.empty()))
                .isEqualTo("image/jpeg");
    }

    @Test
    void should_refuse_with_415_content_type_mismatch_when_the_bytes_contradict_the_declared_type() {
        for (var declared : List.of("application/pdf", "image/jpeg", "text/plain", DOCX)) {
            assertThatThrownBy(() -> types.resolve(ImageFixtures.picture(8, 8, "png"), declared, Optional.empty()))
                    .as(declared)
                    .isInstanceOfSatisfying(ProblemException.class, e -> {
                        assertThat(e.status()).isEqualTo(415);
                        assertThat(e.problem().type().toString()).endsWith(":content-type-mismatch");
                        assertThat(e.problem().extensions()).containsEntry("detected", "image/png");
                    });
        }
    }

    @Test
    void should_refuse_with_415_when_the_format_is_not_supported() {
        assertThatThrownBy(() -> types.resolve(new byte[] {'P', 'K', 3, 4, 0, 0}, "application/zip", Optional.empty()))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.status()).isEqualTo(415));
        assertThatThrownBy(() -> types.resolve("MZ\u0090\u0000binary".getBytes(StandardCharsets.ISO_8859_1), "",
                Optional.of("setup.exe")))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.status()).isEqualTo(415));
    }

    @Test
    void should_refuse_with_415_a_known_type_the_app_does_not_accept() {
        MediaTypes documentsOnly = new MediaTypes(MediaTypes.DOCUMENTS);

        assertThatThrownBy(() -> documentsOnly.resolve(ImageFixtures.picture(8, 8, "png"), "image/png",
                Optional.empty()))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.status()).isEqualTo(415));
        assertThat(documentsOnly.supported()).doesNotContainKey("image/png").containsKey("text/csv");
    }

    @Test
    void should_refuse_to_be_built_with_a_type_it_does_not_know() {
        assertThatThrownBy(() -> new MediaTypes(Set.of("text/plain", "application/x-msdownload")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("application/x-msdownload");
    }
}
