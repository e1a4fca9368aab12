package com.aiplatform.research.planning;

import java.util.List;

/** The sub-questions a task is split into, and what split it ({@code planner} is shown to clients). */
public record Plan(String planner, List<String> subQuestions) {

    public Plan {
        if (subQuestions == null || subQuestions.isEmpty()) {
            throw new IllegalArgumentException("A plan needs at least one sub-question");
        }
        subQuestions = List.copyOf(subQuestions);
    }
}
