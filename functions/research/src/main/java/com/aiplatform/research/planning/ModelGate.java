package com.aiplatform.research.planning;

import com.aiplatform.shared.llm.ChatRequest;
import com.aiplatform.shared.llm.ChatResponse;

import java.util.Optional;

/**
 * A model call made on a task's budget: the cost is reserved before and settled after. Empty when the
 * budget (or the task's state) does not allow the call; the task has then already been stopped.
 */
@FunctionalInterface
public interface ModelGate {

    Optional<ChatResponse> chat(ChatRequest request);
}
