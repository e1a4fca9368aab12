package com.aiplatform.research.work;

import com.aiplatform.research.planning.OfflinePlanner;
import com.aiplatform.research.tasks.CreateTaskRequest;
import com.aiplatform.research.tasks.TaskLimits;
import com.aiplatform.research.tasks.TaskStatus;
import com.aiplatform.shared.problem.ProblemException;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/** Checks a new task's question and limits against the app's bounds; every problem is named at once (400). */
public final class TaskRequests {

    private final RequestBounds bounds;

    public TaskRequests(RequestBounds bounds) {
        this.bounds = bounds;
    }

    public record Valid(String question, TaskLimits limits) {
    }

    public Valid validate(CreateTaskRequest request) {
        List<String> errors = new ArrayList<>();
        String question = request.question() == null ? "" : request.question().strip();
        if (question.isEmpty()) {
            errors.add("question must not be empty");
        } else if (question.length() > bounds.maxQuestionChars()) {
            errors.add("question must be at most " + bounds.maxQuestionChars() + " characters, not " + question.length());
        } else if (!OfflinePlanner.plannable(question)) {
            errors.add("question must contain at least one word of letters or digits beyond words such as 'what' or 'the'");
        }
        int subquestions = request.maxSubquestions() == null ? bounds.defaultSubquestions() : request.maxSubquestions();
        if (subquestions < 1 || subquestions > bounds.maxSubquestions()) {
            errors.add("maxSubquestions must be between 1 and " + bounds.maxSubquestions());
        }
        BigDecimal cost = request.maxCostUsd() == null ? BigDecimal.valueOf(bounds.defaultMaxCostUsd()) : request.maxCostUsd();
        if (cost.signum() <= 0 || cost.compareTo(BigDecimal.valueOf(bounds.maxCostUsd())) > 0) {
            errors.add("maxCostUsd must be more than 0 and at most " + bounds.maxCostUsd());
        }
        int duration = request.maxDurationSeconds() == null ? bounds.defaultMaxDurationSeconds()
                : request.maxDurationSeconds();
        if (duration < 10 || duration > bounds.maxDurationSeconds()) {
            errors.add("maxDurationSeconds must be between 10 and " + bounds.maxDurationSeconds());
        }
        if (!errors.isEmpty()) {
            throw ProblemException.validation("The research task request is not valid", errors);
        }
        return new Valid(question, new TaskLimits(subquestions, cost.stripTrailingZeros(), duration));
    }

    /** The task statuses a list may be filtered by; anything else is a 400. */
    public static TaskStatus status(String value) {
        return TaskStatus.fromWire(value).orElseThrow(() -> ProblemException.validation(
                "Unknown status '" + value + "'", List.of("status must be one of " + List.of(TaskStatus.values())
                        .stream().map(TaskStatus::wire).toList())));
    }

    /** An events cursor: a whole number of at least 0 (absent: 0, from the start). */
    public static long cursor(String value) {
        if (value == null || value.isBlank()) {
            return 0;
        }
        try {
            long cursor = Long.parseLong(value.strip());
            if (cursor >= 0) {
                return cursor;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw ProblemException.validation("Invalid cursor '" + value + "'",
                List.of("after must be a whole number of at least 0, the cursor of the last event seen"));
    }
}
