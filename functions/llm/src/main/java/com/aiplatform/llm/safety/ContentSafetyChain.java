package com.aiplatform.llm.safety;

import java.util.List;
import java.util.Optional;

/** Several checks in order, the cheap offline ones first; the first refusal wins and the later checks are skipped. */
public final class ContentSafetyChain implements ContentSafety {

    private final List<ContentSafety> checks;

    public ContentSafetyChain(List<ContentSafety> checks) {
        this.checks = List.copyOf(checks);
    }

    @Override
    public Optional<SafetyRefusal> screen(List<PromptText> texts) {
        for (ContentSafety check : checks) {
            Optional<SafetyRefusal> refusal = check.screen(texts);
            if (refusal.isPresent()) {
                return refusal;
            }
        }
        return Optional.empty();
    }
}
