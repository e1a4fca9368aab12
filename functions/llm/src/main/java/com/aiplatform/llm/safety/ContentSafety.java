package com.aiplatform.llm.safety;

import java.util.List;
import java.util.Optional;

/**
 * The check a prompt passes before the model sees it: the first reason to refuse the texts, or empty when the
 * model may see them. Adapters: offline rules ({@code rules.RulesContentSafety}) and Azure AI Content Safety
 * ({@code azure.AzureAiContentSafety}); a {@link ContentSafetyChain} runs several, the first refusal winning.
 */
public interface ContentSafety {

    Optional<SafetyRefusal> screen(List<PromptText> texts);
}
