package com.aiplatform.research.planning;

import java.util.Optional;

/** Splits a research question into sub-questions. Empty when a model call was refused by the budget. */
public interface Planner {

    Optional<Plan> plan(String question, int maxSubquestions, ModelGate model);
}
