package com.aiplatform.shared.usage.queue;

import com.aiplatform.shared.json.Json;
import com.aiplatform.shared.queue.WorkQueue;
import com.aiplatform.shared.telemetry.TraceContext;
import com.aiplatform.shared.usage.UsageRecord;
import com.aiplatform.shared.usage.UsageSink;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends each usage record as JSON to the platform app's ledger queue, which writes it idempotently
 * by record id, in the trace of the call it records (the message's {@code traceparent}). If the queue refuses,
 * the record is logged in full so that it can be replayed.
 */
public final class QueueUsageSink implements UsageSink {

    private static final Logger LOG = LoggerFactory.getLogger(QueueUsageSink.class);

    private final WorkQueue queue;
    private final String queueName;

    public QueueUsageSink(WorkQueue queue, String queueName) {
        this.queue = queue;
        this.queueName = queueName;
        queue.createIfMissing(queueName);
    }

    @Override
    public void record(UsageRecord record) {
        ObjectNode message = Json.mapper().valueToTree(record);
        message.put(TraceContext.TRACEPARENT, TraceContext.parse(record.traceId()).isPresent() ? record.traceId().trim()
                : TraceContext.currentOrNew());
        String json = Json.write(message);
        try {
            queue.send(queueName, json);
        } catch (RuntimeException e) {
            LOG.error("Usage record not queued; replay it from this line: {}", json, e);
        }
    }
}
