package com.aiplatform.llm.safety;

import com.aiplatform.llm.cache.CachePolicy;
import com.aiplatform.llm.cache.CachedChat;
import com.aiplatform.llm.chat.ChatCall;
import com.aiplatform.shared.problem.Problem;
import com.aiplatform.shared.problem.ProblemException;
import com.aiplatform.shared.usage.CallContext;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Chat completions behind the content-safety check: a refused prompt is a 400 before anything else happens (no
 * cache lookup, no budget reservation, no model call, no usage record), naming the category, with the error object
 * Azure OpenAI sends for a filtered prompt ({@code code: content_filter}, {@code innererror.content_filter_result}),
 * which the official clients raise as a bad request. Checking before the cache means a changed blocklist also
 * applies to answers cached earlier.
 */
public final class ScreenedChat {

    public static final String PROBLEM_SLUG = "content-filtered";

    private final ContentSafety safety;
    private final CachedChat chat;

    public ScreenedChat(ContentSafety safety, CachedChat chat) {
        this.safety = safety;
        this.chat = chat;
    }

    public CachedChat.Answer complete(CallContext context, ChatCall call, CachePolicy cache) {
        safety.screen(PromptText.of(call.request())).ifPresent(refusal -> {
            throw refused(refusal);
        });
        return chat.complete(context, call, cache);
    }

    static ProblemException refused(SafetyRefusal refusal) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("filtered", true);
        if (refusal.severity() != null) {
            result.put("severity", refusal.severity());
        } else {
            result.put("detected", true);
        }
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("message", "The prompt was filtered by the platform's content safety check (" + refusal.category()
                + "): " + refusal.detail());
        error.put("type", "invalid_request_error");
        error.put("param", "messages");
        error.put("code", "content_filter");
        error.put("innererror", Map.of("code", "ResponsibleAIPolicyViolation",
                "content_filter_result", Map.of(refusal.category(), result)));
        return new ProblemException(Problem.of(400, PROBLEM_SLUG, "The prompt was refused by the content safety check",
                refusal.detail()).with("category", refusal.category()).with("error", error));
    }
}
