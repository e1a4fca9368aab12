package com.aiplatform.local.samples;

import com.aiplatform.shared.azurite.Azurite;
import com.aiplatform.testing.documents.DocumentFixtures;
import org.apache.tika.Tika;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code samples/handbook.pdf}, the file the README's ingest example sends, is generated from {@link #LINES}
 * with {@link DocumentFixtures#pdf}: run this test with {@code -Dsamples.write=true} to write it again.
 */
class SamplesTest {

    static final List<String> LINES = List.of(
            "Coffee shop handbook",
            "Returns: unused items can be returned within 30 days of delivery in the original box.",
            "Refunds are paid to the original card within five business days after the return arrives.",
            "Shipping: orders ship within two business days; standard delivery in Europe takes three to six days.",
            "Express delivery costs twelve euros and arrives the next business day.",
            "Warranty: espresso machines and grinders carry a two year warranty on the pump, boiler and motor.");

    private final Path handbook = Azurite.projectRoot().resolve("samples").resolve("handbook.pdf");

    @Test
    void should_hold_the_handbook_text_in_a_small_pdf_when_the_readme_ingests_it() throws Exception {
        byte[] generated = DocumentFixtures.pdf("Handbook", LINES);
        if (Boolean.getBoolean("samples.write")) {
            Files.write(handbook, generated);
        }

        byte[] committed = Files.readAllBytes(handbook);
        assertThat(committed.length).isLessThan(4096);
        assertThat(new String(committed, 0, 5, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
        String text = new Tika().parseToString(new ByteArrayInputStream(committed));
        assertThat(text).contains("Refunds are paid to the original card within five business days");
        assertThat(text.strip()).isEqualTo(new Tika().parseToString(new ByteArrayInputStream(generated)).strip());
    }
}
