package com.aiplatform.assistant.extraction;

import com.aiplatform.assistant.files.Extraction;
import com.aiplatform.assistant.files.FileService;
import com.aiplatform.assistant.files.ImageHeaders;
import com.aiplatform.shared.problem.ProblemException;
import com.aiplatform.shared.tika.DocumentReader;
import com.aiplatform.shared.tika.MediaTypes;
import com.aiplatform.testing.documents.DocumentFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FileReaderTest {

    private static final String DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    @TempDir
    Path scratch;

    private FileReader reader(int maxCharacters) {
        return new FileReader(new MediaTypes(FileService.ACCEPTED), new DocumentReader(maxCharacters, scratch),
                new ImageExtractor(new ImageHeaders(50_000_000L), OcrEngine.NONE), 50_000_000L);
    }

    @Test
    void should_read_a_pdf_into_numbered_pages() {
        byte[] pdf = DocumentFixtures.pdfPages("Manual", List.of(List.of("Install it."), List.of("Descale monthly.")));

        Extraction extraction = reader(100_000).read(pdf, "application/pdf", Optional.of("manual.pdf"));

        assertThat(extraction.mediaType()).isEqualTo("application/pdf");
        assertThat(extraction.pages()).extracting(Extraction.Page::number).containsExactly(1, 2);
        assertThat(extraction.pages().get(1).text()).isEqualTo("Descale monthly.");
        assertThat(extraction.title()).isEqualTo("Manual");
    }

    @Test
    void should_refuse_with_422_unreadable_file_when_the_pdf_is_corrupt() {
        byte[] corrupt = Arrays.copyOf(DocumentFixtures.pdf("Broken", List.of("cut short")), 80);

        assertThatThrownBy(() -> reader(100_000).read(corrupt, "application/pdf", Optional.empty()))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.status()).isEqualTo(422);
                    assertThat(e.problem().type().toString()).endsWith(":unreadable-file");
                });
    }

    @Test
    void should_refuse_with_422_decompression_bomb_when_a_docx_inflates_too_much() {
        byte[] bomb = DocumentFixtures.zipBombDocx(100 * 1024 * 1024);

        assertThatThrownBy(() -> reader(5_000_000).read(bomb, DOCX, Optional.empty()))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.status()).isEqualTo(422);
                    assertThat(e.problem().type().toString()).endsWith(":decompression-bomb");
                });
    }

    @Test
    void should_refuse_with_422_too_much_text_naming_the_limit() {
        byte[] text = "word ".repeat(10_000).getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> reader(1000).read(text, "text/plain", Optional.empty()))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.status()).isEqualTo(422);
                    assertThat(e.problem().type().toString()).endsWith(":too-much-text");
                    assertThat(e.problem().extensions()).containsEntry("maxCharacters", 1000);
                });
    }
}
