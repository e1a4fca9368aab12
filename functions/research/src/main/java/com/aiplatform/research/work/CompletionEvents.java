package com.aiplatform.research.work;

import com.aiplatform.research.report.Report;
import com.aiplatform.research.tasks.Task;
import com.aiplatform.shared.event.EventPublisher;
import com.aiplatform.shared.event.PlatformEvent;
import com.aiplatform.shared.json.Json;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The research app's CloudEvent: {@value #COMPLETED}, once per task. Its id is derived from the task id,
 * so a re-publication after a crash is recognisably the same event to subscribers that deduplicate by id.
 */
public final class CompletionEvents {

    public static final String SOURCE = "/aiplatform/research";
    public static final String COMPLETED = "AiPlatform.Research.TaskCompleted";

    private final EventPublisher publisher;

    public CompletionEvents(EventPublisher publisher) {
        this.publisher = publisher;
    }

    public void completed(Task task, Report report) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("taskId", task.key().id());
        data.put("tenantId", task.key().tenant().value());
        data.put("status", task.status().wire());
        data.put("question", task.question());
        data.put("subQuestions", task.subQuestions().size());
        data.put("citations", report.citations().size());
        data.put("generator", report.generator());
        data.put("inputTokens", task.ledger().inputTokens());
        data.put("outputTokens", task.ledger().outputTokens());
        data.put("costUsd", task.ledger().costUsd());
        data.put("completedAt", task.completedAt().toString());
        data.put("location", "/api/v1/research/tasks/" + task.key().id());
        publisher.publish(new PlatformEvent("research-task-completed-" + task.key().id(), SOURCE, COMPLETED,
                "tenants/" + task.key().tenant().value() + "/research/tasks/" + task.key().id(), task.completedAt(),
                Json.mapper().valueToTree(data), task.traceparent()));
    }
}
