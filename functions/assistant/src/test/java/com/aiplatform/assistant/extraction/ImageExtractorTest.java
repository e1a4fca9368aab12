package com.aiplatform.assistant.extraction;

import com.aiplatform.assistant.extraction.tesseract.TesseractOcrEngine;
import com.aiplatform.assistant.files.Extraction;
import com.aiplatform.assistant.files.ImageHeaders;
import com.aiplatform.shared.problem.ProblemException;
import com.aiplatform.testing.documents.ImageFixtures;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class ImageExtractorTest {

    private static final ImageHeaders HEADERS = new ImageHeaders(50_000_000L);

    @Test
    void should_read_format_dimensions_and_exif_when_the_jpeg_carries_exif() {
        byte[] jpeg = ImageFixtures.jpegWithExif(64, 48, Map.of(ImageFixtures.MAKE, "Acme Optics",
                ImageFixtures.MODEL, "Falcon 9", ImageFixtures.DATE_TIME, "2024:05:01 10:30:00"));

        Extraction extraction = new ImageExtractor(HEADERS, OcrEngine.NONE).extract(jpeg, "image/jpeg");

        assertThat(extraction.image().format()).isEqualTo("jpeg");
        assertThat(extraction.image().width()).isEqualTo(64);
        assertThat(extraction.image().height()).isEqualTo(48);
        assertThat(extraction.image().exif()).containsEntry("Make", "Acme Optics").containsEntry("Model", "Falcon 9")
                .containsEntry("Date/Time", "2024:05:01 10:30:00");
        assertThat(extraction.ocr().status()).isEqualTo("unavailable");
        assertThat(extraction.pages()).isEmpty();
    }

    @Test
    void should_refuse_with_422_without_decoding_when_the_png_declares_a_huge_size() {
        byte[] bomb = ImageFixtures.pngDeclaring(100_000, 100_000);
        assertThat(bomb.length).isLessThan(2000);

        assertThatThrownBy(() -> new ImageExtractor(HEADERS, OcrEngine.NONE).extract(bomb, "image/png"))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.status()).isEqualTo(422);
                    assertThat(e.problem().type().toString()).endsWith(":decompression-bomb");
                });
    }

    @Test
    void should_refuse_with_422_when_the_image_header_is_corrupt() {
        byte[] png = ImageFixtures.picture(20, 20, "png");
        byte[] cut = java.util.Arrays.copyOf(png, 12);

        assertThatThrownBy(() -> new ImageExtractor(HEADERS, OcrEngine.NONE).extract(cut, "image/png"))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.status()).isEqualTo(422));
    }

    @Test
    void should_read_the_printed_text_when_tesseract_is_installed() {
        var tesseract = new TesseractOcrEngine("tesseract", Duration.ofSeconds(30));
        assumeTrue(tesseract.available(), "tesseract is not installed; the OCR path is not tested here");
        byte[] png = ImageFixtures.pngWithText(List.of("INVOICE 4711", "TOTAL 93 EUR"));

        Extraction extraction = new ImageExtractor(HEADERS, tesseract).extract(png, "image/png");

        assertThat(extraction.ocr().status()).isEqualTo("recognised");
        assertThat(extraction.ocr().engine()).startsWith("tesseract");
        assertThat(extraction.text()).contains("INVOICE 4711").contains("TOTAL 93 EUR");
    }

    @Test
    void should_report_ocr_unavailable_when_the_command_does_not_exist() {
        var missing = new TesseractOcrEngine("no-such-ocr-command", Duration.ofSeconds(5));
        byte[] png = ImageFixtures.pngWithText(List.of("HELLO"));

        Extraction extraction = new ImageExtractor(HEADERS, missing).extract(png, "image/png");

        assertThat(missing.available()).isFalse();
        assertThat(extraction.ocr().status()).isEqualTo("unavailable");
        assertThat(extraction.image().width()).isEqualTo(900);
    }
}
