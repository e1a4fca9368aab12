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
        UsageRecord record = price(context, operation, usage, recordId);
        send(record);
        return record;
    }

    /** The priced record, not yet sent: for a caller that sends it off its critical path ({@link #send}). */
    public UsageRecord price(CallContext context, String operation, Usage usage, String recordId) {
        return new UsageRecord(recordId, clock.instant(),
                context.caller().tenant().value(), context.caller().consumerId(), context.app(), operation,
                usage.model(), usage.inputTokens(), usage.outputTokens(), prices.cost(usage), context.traceId(),
                context.correlationId());
    }

    public void send(UsageRecord record) {
        sink.record(record);
    }

    public PriceTable prices() {
        return prices;
    }
}
