package com.aiplatform.shared.budget;

import com.aiplatform.shared.llm.ChatMessage;
import com.aiplatform.shared.llm.ChatRequest;
import com.aiplatform.shared.llm.ChatResponse;
import com.aiplatform.shared.llm.LlmClient;
import com.aiplatform.shared.llm.Source;
import com.aiplatform.shared.text.TokenCounter;
import com.aiplatform.shared.usage.CallContext;
import com.aiplatform.shared.usage.Usage;
import com.aiplatform.shared.usage.UsageMeter;
import com.aiplatform.shared.usage.UsageRecord;

import java.math.BigDecimal;
import java.util.UUID;

/**
 * The one seam every app's model calls go through: reserve the estimated cost (prompt tokens plus
 * max output tokens, at the model's price), call the model, record the usage, settle the actual cost.
 * A failed call settles at zero, releasing the reservation.
 */
public final class BudgetedChat {

    private final LlmClient llm;
    private final UsageMeter usage;
    private final Budget budget;
    private final TokenCounter tokens;

    public BudgetedChat(LlmClient llm, UsageMeter usage, Budget budget, TokenCounter tokens) {
        this.llm = llm;
        this.usage = usage;
        this.budget = budget;
        this.tokens = tokens;
    }

    /** The model's answer and the usage record it was billed under. */
    public record Result(ChatResponse response, UsageRecord usage) {
    }

    /** @throws BudgetExceededException (402) before calling the model when the estimate would pass a budget */
    public Result chat(CallContext context, String operation, ChatRequest request) {
        BigDecimal estimate = usage.prices().cost(new Usage(llm.modelName(), promptTokens(request),
                request.maxOutputTokens()));
        Reservation reservation = budget.reserve(context.caller(), UUID.randomUUID().toString(), estimate);
        ChatResponse response;
        try {
            response = llm.chat(request);
        } catch (RuntimeException e) {
            budget.settle(context.caller(), reservation, BigDecimal.ZERO);
            throw e;
        }
        UsageRecord record = usage.record(context, operation, response.usage());
        budget.settle(context.caller(), reservation, record.costUsd());
        return new Result(response, record);
    }

    public String modelName() {
        return llm.modelName();
    }

    /** An upper estimate: every message and source, plus a few tokens of framing each. */
    int promptTokens(ChatRequest request) {
        int total = 0;
        for (ChatMessage message : request.messages()) {
            total += 4 + (message.content() == null ? 0 : tokens.count(message.content()));
        }
        for (Source source : request.sources()) {
            total += 8 + tokens.count(source.reference() == null ? "" : source.reference()) + tokens.count(source.text());
        }
        return total;
    }
}
