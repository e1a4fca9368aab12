package com.aiplatform.research.api;

import com.aiplatform.research.report.Citation;
import com.aiplatform.research.report.Report;
import com.aiplatform.research.report.SourceIndex;
import com.aiplatform.research.steps.SourceRef;
import com.aiplatform.research.steps.Step;
import com.aiplatform.research.steps.StepTimings;
import com.aiplatform.research.tasks.StepState;
import com.aiplatform.research.tasks.Task;
import com.aiplatform.research.work.TaskService;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** The status API's view of a task: progress, sub-questions with their findings, sources, usage, the report. */
public record TaskView(String id, String status, String reason, String question, int percentComplete, String planner,
                       Limits limits, List<SubQuestion> subQuestions, List<Citation> sources, Usage usage,
                       Instant createdAt, Instant updatedAt, Instant completedAt, Instant deadline, ReportView report,
                       Links links) {

    public record Limits(int maxSubquestions, BigDecimal maxCostUsd, int maxDurationSeconds) {
    }

    public record SubQuestion(int index, String question, String state, int attempts, String finding,
                              List<SourceRef> sources, String generator, long inputTokens, long outputTokens,
                              BigDecimal costUsd, String error, StepTimings timings, Instant startedAt,
                              Instant finishedAt) {
    }

    public record Usage(long inputTokens, long outputTokens, BigDecimal costUsd, BigDecimal reservedUsd) {
    }

    public record ReportView(String text, String generator, List<Citation> citations) {
    }

    public record Links(String self, String events) {
    }

    static TaskView of(TaskService.Details details) {
        Task task = details.task();
        String self = TaskFunctions.location(task.key().id());
        List<SubQuestion> subQuestions = details.steps().stream().map(s -> subQuestion(task, s)).toList();
        return new TaskView(task.key().id(), task.status().wire(), task.reason(), task.question(),
                task.percentComplete(), task.planner(),
                new Limits(task.limits().maxSubquestions(), task.limits().maxCostUsd(), task.limits().maxDurationSeconds()),
                subQuestions, new SourceIndex(details.steps()).citations(),
                new Usage(task.ledger().inputTokens(), task.ledger().outputTokens(), task.ledger().costUsd(),
                        task.ledger().reservedUsd()),
                task.createdAt(), task.updatedAt(), task.completedAt(),
                task.createdAt().plusSeconds(task.limits().maxDurationSeconds()),
                details.report().map(TaskView::report).orElse(null), new Links(self, self + "/events"));
    }

    private static SubQuestion subQuestion(Task task, Step s) {
        String state = !s.state().finished() && task.status().terminal() ? StepState.SKIPPED.wire() : s.state().wire();
        return new SubQuestion(s.index() + 1, s.question(), state, s.attempts(), s.finding(), s.sources(),
                s.generator(), s.inputTokens(), s.outputTokens(), s.costUsd(), s.error(),
                s.state() == StepState.COMPLETED ? s.timings() : null, s.startedAt(), s.finishedAt());
    }

    private static ReportView report(Report report) {
        return new ReportView(report.text(), report.generator(), report.citations());
    }
}
