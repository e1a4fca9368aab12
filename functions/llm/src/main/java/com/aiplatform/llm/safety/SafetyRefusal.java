package com.aiplatform.llm.safety;

import java.util.Objects;

/**
 * Why a prompt is refused: the category in Azure OpenAI's {@code content_filter_result} vocabulary ({@code hate},
 * {@code sexual}, {@code violence}, {@code self_harm}, {@code jailbreak}, {@code custom_blocklists}), the severity
 * when the check grades one ({@code low}, {@code medium}, {@code high}), and what matched, for the caller.
 */
public record SafetyRefusal(String category, String severity, String detail) {

    public SafetyRefusal {
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(detail, "detail");
    }
}
