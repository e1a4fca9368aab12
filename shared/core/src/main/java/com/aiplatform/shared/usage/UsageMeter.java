package com.aiplatform.shared.usage;

import java.time.Clock;
import java.util.UUID;

/** Prices each call's usage and hands the record to the sink. */
public final class UsageMeter {

    private final PriceTable prices;
    private final UsageSink sink;
    private final Clock clock;

    public UsageMeter(PriceTable prices, UsageSink sink, Clock clock) {
        this.prices = prices;
        this.sink = sink;
        this.clock = clock;
    }

    public UsageRecord record(CallContext context, String operation, Usage usage) {
        var record = new UsageRecord(UUID.randomUUID().toString(), clock.instant(),
                context.caller().tenant().value(), context.caller().consumerId(), context.app(), operation,
                usage.model(), usage.inputTokens(), usage.outputTokens(), prices.cost(usage), context.traceId(),
                context.correlationId());
        sink.record(record);
        return record;
    }

    public PriceTable prices() {
        return prices;
    }
}
