package com.aiplatform.shared.usage;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One billable call: who made it, for what, with which model, how many tokens and what it cost.
 * {@code id} is unique per call, so the ledger can write records idempotently under redelivery.
 * {@code correlationId} links the call to a conversation, a research task or a document. On the ledger queue the
 * message also carries {@code traceparent} (the envelope field every queue message has, so that the ledger's
 * function runs in the caller's trace); it is not part of the record.
 */
@JsonIgnoreProperties({"traceparent"})
public record UsageRecord(String id, Instant time, String tenantId, String consumerId, String app, String operation,
                          String model, long inputTokens, long outputTokens, BigDecimal costUsd, String traceId,
                          String correlationId) {
}
