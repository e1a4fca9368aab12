package com.aiplatform.research.work;

import com.aiplatform.research.tasks.TaskKey;
import com.aiplatform.shared.identity.TenantId;
import com.aiplatform.shared.telemetry.TraceContext;

import java.time.Instant;

/**
 * What a plan, step or synthesize message says: which task (and which sub-question), when it was sent,
 * and the W3C trace context of the work that sent it. Everything else is read from the task's rows.
 */
public record WorkMessage(String tenant, String taskId, Integer step, Instant sentAt, String traceparent) {

    public TaskKey key() {
        return new TaskKey(TenantId.of(tenant), taskId);
    }

    /** A message in the current trace, or in the task's own trace when no span is current. */
    public static WorkMessage of(TaskKey key, Integer step, Instant now, String taskTraceparent) {
        return new WorkMessage(key.tenant().value(), key.id(), step, now,
                TraceContext.current().orElse(taskTraceparent));
    }
}
