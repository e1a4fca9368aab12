package com.aiplatform.assistant.extraction;

import com.aiplatform.assistant.extraction.tesseract.TesseractOcrEngine;
import com.aiplatform.shared.health.HealthReport;
import com.aiplatform.shared.health.HealthService;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class OcrHealthTest {

    @Test
    void should_report_unavailable_and_keep_the_app_up_when_ocr_is_turned_off() {
        HealthReport report = report(OcrHealth.check(OcrEngine.NONE, "", true));

        assertThat(report.up()).isTrue();
        assertThat(report.dependencies().get("ocr").status()).isEqualTo("unavailable");
        assertThat(report.dependencies().get("ocr").detail())
                .contains("ASSISTANT_OCR_COMMAND is empty", "by the vision deployment");
    }

    @Test
    void should_report_unavailable_when_the_command_cannot_run_here() {
        var missing = new TesseractOcrEngine("/nonexistent/tesseract-" + System.nanoTime(), Duration.ofSeconds(5));

        HealthReport report = report(OcrHealth.check(missing, "/nonexistent/tesseract", false));

        assertThat(report.up()).isTrue();
        assertThat(report.dependencies().get("ocr").status()).isEqualTo("unavailable");
        assertThat(report.dependencies().get("ocr").detail())
                .contains("cannot run here", "no ASSISTANT_VISION_DEPLOYMENT");
    }

    @Test
    void should_report_the_engine_when_it_runs() {
        OcrEngine running = new OcrEngine() {
            @Override
            public boolean available() {
                return true;
            }

            @Override
            public String name() {
                return "tesseract 5.3.0";
            }

            @Override
            public String recognise(byte[] image) {
                return "";
            }
        };

        HealthReport report = report(OcrHealth.check(running, "tesseract", false));

        assertThat(report.dependencies().get("ocr").status()).isEqualTo("up");
        assertThat(report.dependencies().get("ocr").detail()).isEqualTo("tesseract 5.3.0");
    }

    private static HealthReport report(com.aiplatform.shared.health.HealthCheck check) {
        return new HealthService("assistant", List.of(check), Clock.systemUTC()).check();
    }
}
