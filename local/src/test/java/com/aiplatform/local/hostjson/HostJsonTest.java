package com.aiplatform.local.hostjson;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HostJsonTest {

    @Test
    void should_use_functions_host_defaults_when_sections_are_absent() {
        HostJson hostJson = HostJson.parse("{\"version\": \"2.0\"}");

        assertThat(hostJson.routePrefix()).isEqualTo("api");
        assertThat(hostJson.queues()).isEqualTo(new QueueOptions(16, 8, 5, Duration.ofMinutes(1), Duration.ZERO));
    }

    @Test
    void should_read_route_prefix_and_queue_settings_when_present() {
        HostJson hostJson = HostJson.parse("""
                { // comments are allowed, as in the host
                  "extensions": {
                    "http": { "routePrefix": "/" },
                    "queues": { "batchSize": 8, "maxDequeueCount": 2, "maxPollingInterval": "00:00:02",
                                "visibilityTimeout": "00:00:30", "newBatchThreshold": 1 }
                  }
                }""");

        assertThat(hostJson.routePrefix()).isEmpty();
        assertThat(hostJson.queues()).isEqualTo(new QueueOptions(8, 1, 2, Duration.ofSeconds(2), Duration.ofSeconds(30)));
    }

    @Test
    void should_default_new_batch_threshold_to_half_the_batch_when_only_batch_size_is_set() {
        assertThat(HostJson.parse("{\"extensions\":{\"queues\":{\"batchSize\":4}}}").queues().newBatchThreshold())
                .isEqualTo(2);
    }

    @Test
    void should_read_milliseconds_when_polling_interval_is_a_number() {
        assertThat(HostJson.parse("{\"extensions\":{\"queues\":{\"maxPollingInterval\":2000}}}").queues()
                .maxPollingInterval()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void should_refuse_batch_size_when_above_32() {
        assertThatThrownBy(() -> HostJson.parse("{\"extensions\":{\"queues\":{\"batchSize\":64}}}"))
                .hasMessageContaining("batchSize");
    }

    @Test
    void should_parse_days_and_fractions_when_reading_time_spans() {
        assertThat(TimeSpan.parse("1.02:03:04.5")).isEqualTo(Duration.parse("P1DT2H3M4.5S"));
        assertThat(TimeSpan.parse("00:00:00.100")).isEqualTo(Duration.ofMillis(100));
        assertThatThrownBy(() -> TimeSpan.parse("2s")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void should_load_app_host_json_from_class_path_when_packaged_there() {
        assertThat(HostJson.load("sample", getClass().getClassLoader()))
                .hasValueSatisfying(h -> assertThat(h.queues().maxDequeueCount()).isEqualTo(3));
        assertThat(HostJson.load("absent", getClass().getClassLoader())).isEmpty();
    }
}
