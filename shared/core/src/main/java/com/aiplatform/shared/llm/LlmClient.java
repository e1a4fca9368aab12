package com.aiplatform.shared.llm;

/**
 * Chat completions with tool calls and usage (Azure OpenAI or any OpenAI-compatible endpoint through
 * openai-java, or the offline extractive fallback). Failures surface as {@link LlmException}.
 */
public interface LlmClient {

    ChatResponse chat(ChatRequest request);

    /** The model (deployment) name that usage is priced under. */
    String modelName();
}
