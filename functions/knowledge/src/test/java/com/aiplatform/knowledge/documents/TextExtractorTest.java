package com.aiplatform.knowledge.documents;

import com.aiplatform.testing.documents.DocumentFixtures;

import com.aiplatform.shared.problem.ProblemException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TextExtractorTest {

    private static final String DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    private final TextExtractor extractor = new TextExtractor(1_000_000);

    @Test
    void should_extract_text_and_title_when_pdf() {
        byte[] pdf = DocumentFixtures.pdf("Warranty terms", List.of("The warranty lasts two years.", "Batteries are excluded."));
        ExtractedText text = extractor.extract(pdf, "application/pdf", Optional.of("warranty.pdf"));
        assertThat(text.text()).contains("The warranty lasts two years.").contains("Batteries are excluded.");
        assertThat(text.title()).contains("Warranty terms");
        assertThat(text.mediaType()).isEqualTo("application/pdf");
    }

    @Test
    void should_extract_paragraphs_when_docx() {
        byte[] docx = DocumentFixtures.docx("Returns", List.of("Returns are accepted within 30 days.", "Keep the receipt."));
        ExtractedText text = extractor.extract(docx,
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document", Optional.empty());
        assertThat(text.text()).contains("Returns are accepted within 30 days.").contains("Keep the receipt.");
        assertThat(text.title()).contains("Returns");
    }

    @Test
    void should_drop_markup_when_html() {
        byte[] html = "<html><head><title>Shipping</title></head><body><h1>Shipping</h1><p>Ships in <b>two</b> days.</p></body></html>"
                .getBytes(StandardCharsets.UTF_8);
        ExtractedText text = extractor.extract(html, "text/html", Optional.empty());
        assertThat(text.text()).contains("Ships in two days.").doesNotContain("<b>");
        assertThat(text.title()).contains("Shipping");
    }

    @Test
    void should_keep_markdown_text_when_markdown() {
        byte[] markdown = "# Setup\n\nRun `./platform start` to begin.\n".getBytes(StandardCharsets.UTF_8);
        ExtractedText text = extractor.extract(markdown, "text/markdown", Optional.of("setup.md"));
        assertThat(text.text()).contains("Run `./platform start` to begin.");
    }

    @Test
    void should_refuse_with_415_when_declared_type_contradicts_bytes() {
        byte[] notPdf = "just text pretending".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> extractor.extract(notPdf, "application/pdf", Optional.empty()))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.status()).isEqualTo(415);
                    assertThat(e.problem().extensions()).containsEntry("detected", "text/plain");
                });
    }

    @Test
    void should_refuse_with_415_when_type_is_unsupported() {
        byte[] png = new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0};
        assertThatThrownBy(() -> extractor.extract(png, "image/png", Optional.empty()))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.status()).isEqualTo(415));
        assertThatThrownBy(() -> extractor.extract(png, "application/octet-stream", Optional.empty()))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.status()).isEqualTo(415));
    }

    @Test
    void should_refuse_with_400_when_pdf_is_corrupt() {
        byte[] pdf = DocumentFixtures.pdf("Broken", List.of("This will be cut."));
        byte[] truncated = java.util.Arrays.copyOf(pdf, 60);
        assertThatThrownBy(() -> extractor.extract(truncated, "application/pdf", Optional.empty()))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.status()).isEqualTo(400));
    }

    @Test
    void should_refuse_with_400_when_a_docx_is_a_zip_bomb() {
        byte[] bomb = DocumentFixtures.zipBombDocx(100 * 1024 * 1024);

        assertThatThrownBy(() -> extractor.extract(bomb, DOCX, Optional.empty()))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.problem().detail()).contains("refused");
                });
    }

    @Test
    void should_refuse_with_413_when_the_text_is_longer_than_the_limit() {
        byte[] text = "word ".repeat(10_000).getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> new TextExtractor(1000).extract(text, "text/plain", Optional.empty()))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.status()).isEqualTo(413));
    }

    @Test
    void should_refuse_with_400_when_empty() {
        assertThatThrownBy(() -> extractor.extract(new byte[0], "text/plain", Optional.empty()))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.status()).isEqualTo(400));
        assertThatThrownBy(() -> extractor.extract("   \n ".getBytes(StandardCharsets.UTF_8), "text/plain", Optional.empty()))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.status()).isEqualTo(400));
    }
}
