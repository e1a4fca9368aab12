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
        return record(context, operation, usage, UUID.randomUUID().toString());
    }

    /**
     * A record under an id the caller derives from the call itself, so that sending it again after a crash is
     * the same record to the ledger, which writes by id. The id must be a valid Table storage row key.
     */
    public UsageRecord record(CallContext context, String operation, Usage usage, String recordId) {
        var record = new UsageRecord(recordId, clock.instant(),
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
