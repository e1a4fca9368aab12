package com.aiplatform.shared.usage;

import com.aiplatform.shared.identity.Caller;
import com.aiplatform.shared.identity.TenantId;
import com.aiplatform.shared.usage.memory.InMemoryUsageSink;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UsageMeterTest {

    @Test
    void should_price_tokens_per_thousand_by_model() {
        PriceTable prices = PriceTable.parse("gpt-4o-mini=0.00015/0.0006, text-embedding-3-small=0.00002/0");
        assertThat(prices.cost(new Usage("GPT-4o-mini", 2000, 1000))).isEqualByComparingTo(new BigDecimal("0.0009"));
        assertThat(prices.cost(new Usage("text-embedding-3-small", 500, 0))).isEqualByComparingTo(new BigDecimal("0.00001"));
        assertThat(prices.cost(new Usage("unknown", 1_000_000, 1))).isEqualByComparingTo(BigDecimal.ZERO);
        assertThatThrownBy(() -> PriceTable.parse("gpt=abc/1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PriceTable.parse("gpt=1")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void should_record_who_what_which_model_tokens_cost_and_trace() {
        var sink = new InMemoryUsageSink();
        var meter = new UsageMeter(PriceTable.parse("m=1/2"), sink,
                Clock.fixed(Instant.parse("2026-11-27T10:00:00Z"), ZoneOffset.UTC));
        var context = new CallContext(new Caller("consumer-1", TenantId.of("acme"), Set.of()), "knowledge",
                "conversation-9", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");

        UsageRecord record = meter.record(context, "ask", new Usage("m", 1000, 500));

        assertThat(sink.records()).containsExactly(record);
        assertThat(record.id()).isNotBlank();
        assertThat(record.time()).isEqualTo(Instant.parse("2026-11-27T10:00:00Z"));
        assertThat(record.tenantId()).isEqualTo("acme");
        assertThat(record.consumerId()).isEqualTo("consumer-1");
        assertThat(record.app()).isEqualTo("knowledge");
        assertThat(record.operation()).isEqualTo("ask");
        assertThat(record.costUsd()).isEqualByComparingTo(new BigDecimal("2"));
        assertThat(record.traceId()).startsWith("00-4bf92f35");
        assertThat(record.correlationId()).isEqualTo("conversation-9");
        assertThat(meter.record(context, "ask", new Usage("m", 1, 1)).id()).isNotEqualTo(record.id());
    }
}
