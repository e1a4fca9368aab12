package com.aiplatform.shared.tika;

import com.aiplatform.testing.documents.DocumentFixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DocumentReaderTest {

    private static final String DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    @TempDir
    Path scratch;

    private DocumentReader reader(int maxCharacters) {
        return new DocumentReader(maxCharacters, scratch);
    }

    @AfterEach
    void should_leave_nothing_in_the_scratch_directory() throws IOException {
        try (Stream<Path> left = Files.list(scratch)) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void should_split_text_into_numbered_pages_when_the_pdf_has_three_pages() {
        byte[] pdf = DocumentFixtures.pdfPages("Manual", List.of(List.of("Installation needs a 10 mm wrench."),
                List.of("Descale the boiler every month."), List.of("The warranty lasts two years.")));

        TikaDocument extraction = reader(100_000).read(pdf, "application/pdf", Optional.of("manual.pdf"));

        assertThat(extraction.pageCount()).isEqualTo(3);
        assertThat(extraction.pages()).extracting(TikaDocument.Page::number).containsExactly(1, 2, 3);
        assertThat(extraction.pages().get(1).text()).isEqualTo("Descale the boiler every month.");
        assertThat(extraction.title()).isEqualTo("Manual");
        assertThat(extraction.metadata()).containsEntry("xmpTPg:NPages", "3");
        assertThat(extraction.text()).contains("wrench").contains("two years");
    }

    @Test
    void should_read_paragraphs_and_metadata_when_the_file_is_a_docx() {
        byte[] docx = DocumentFixtures.docx("Shipping", List.of("Parcels to Norway take seven days.",
                "Express costs twelve euros."));

        TikaDocument extraction = reader(100_000).read(docx, DOCX, Optional.empty());

        assertThat(extraction.text()).contains("Parcels to Norway take seven days.").contains("twelve euros");
        assertThat(extraction.title()).isEqualTo("Shipping");
        assertThat(extraction.pages()).hasSize(1);
    }

    @Test
    void should_collect_rows_of_cells_when_the_html_holds_a_table() {
        byte[] html = ("<html><head><title>Prices</title><style>td{color:red}</style></head><body><p>Our prices:</p>"
                + "<table><tr><th>Item</th><th>Price</th></tr><tr><td>Grinder</td><td>120 EUR</td></tr></table>"
                + "</body></html>").getBytes(StandardCharsets.UTF_8);

        TikaDocument extraction = reader(100_000).read(html, "text/html", Optional.empty());

        assertThat(extraction.tables()).hasSize(1);
        assertThat(extraction.tables().get(0).rows()).containsExactly(List.of("Item", "Price"),
                List.of("Grinder", "120 EUR"));
        assertThat(extraction.text()).contains("Our prices:").contains("Grinder").doesNotContain("color:red");
        assertThat(extraction.pageCount()).isNull();
    }

    @Test
    void should_refuse_as_corrupt_when_the_pdf_is_cut_short() {
        byte[] corrupt = Arrays.copyOf(DocumentFixtures.pdf("Broken", List.of("cut short")), 80);

        assertThatThrownBy(() -> reader(100_000).read(corrupt, "application/pdf", Optional.empty()))
                .isInstanceOfSatisfying(UnreadableDocumentException.class, e -> {
                    assertThat(e.reason()).isEqualTo(UnreadableDocumentException.Reason.CORRUPT);
                    assertThat(e.getMessage()).contains("application/pdf");
                });
    }

    @Test
    void should_refuse_as_a_bomb_when_a_docx_inflates_too_much() {
        byte[] bomb = DocumentFixtures.zipBombDocx(100 * 1024 * 1024);
        assertThat(bomb.length).isLessThan(1024 * 1024);

        assertThatThrownBy(() -> reader(5_000_000).read(bomb, DOCX, Optional.empty()))
                .isInstanceOfSatisfying(UnreadableDocumentException.class, e ->
                        assertThat(e.reason()).isEqualTo(UnreadableDocumentException.Reason.DECOMPRESSION_BOMB));
    }

    @Test
    void should_stop_when_the_text_is_longer_than_the_limit() {
        byte[] text = "word ".repeat(10_000).getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> reader(1000).read(text, "text/plain", Optional.empty()))
                .isInstanceOfSatisfying(UnreadableDocumentException.class, e -> {
                    assertThat(e.reason()).isEqualTo(UnreadableDocumentException.Reason.TOO_MUCH_TEXT);
                    assertThat(e.maxCharacters()).isEqualTo(1000);
                });
    }
}
