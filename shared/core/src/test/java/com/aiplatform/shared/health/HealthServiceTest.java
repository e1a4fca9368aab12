package com.aiplatform.shared.health;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class HealthServiceTest {

    @Test
    void should_be_down_when_a_required_check_fails_and_up_when_only_an_optional_one_does() {
        HealthCheck failing = new HealthCheck("tableStorage", () -> {
            throw new IllegalStateException("connection refused");
        });
        HealthCheck optionalFailing = HealthCheck.optional("ocr", () -> {
            throw new IllegalStateException("tesseract cannot run here");
        });
        HealthCheck passing = new HealthCheck("blobStorage", () -> "blob files");

        HealthReport down = new HealthService("assistant", List.of(passing, failing), Clock.systemUTC()).check();
        HealthReport up = new HealthService("assistant", List.of(passing, optionalFailing), Clock.systemUTC()).check();

        assertThat(down.up()).isFalse();
        assertThat(down.dependencies().get("tableStorage").status()).isEqualTo("down");
        assertThat(down.dependencies().get("blobStorage").status()).isEqualTo("up");
        assertThat(up.up()).isTrue();
        assertThat(up.dependencies().get("ocr").status()).isEqualTo("unavailable");
        assertThat(up.dependencies().get("ocr").detail()).contains("tesseract cannot run here");
    }
}
