package com.aiplatform.llm.embeddings;

import com.aiplatform.llm.models.ModelCatalog;
import com.aiplatform.shared.budget.Budget;
import com.aiplatform.shared.budget.BudgetedChat;
import com.aiplatform.shared.budget.Reservation;
import com.aiplatform.shared.embedding.Embedder;
import com.aiplatform.shared.embedding.Embeddings;
import com.aiplatform.shared.text.TokenCounter;
import com.aiplatform.shared.usage.CallContext;
import com.aiplatform.shared.usage.Usage;
import com.aiplatform.shared.usage.UsageMeter;
import com.aiplatform.shared.usage.UsageRecord;

import java.math.BigDecimal;

/**
 * Embeddings under the same money rules as chat: the estimated cost (the inputs' tokens at the model's price) is
 * reserved against the consumer's and tenant's budgets first, the usage record is written and the reservation
 * settled at the actual cost after; a failed call releases the reservation.
 */
public final class EmbeddingService {

    public static final String OPERATION = "embeddings";
    private static final TokenCounter ESTIMATE = TokenCounter.approximate();

    private final ModelCatalog models;
    private final Embedder embedder;
    private final UsageMeter usage;
    private final Budget budget;

    public EmbeddingService(ModelCatalog models, Embedder embedder, UsageMeter usage, Budget budget) {
        this.models = models;
        this.embedder = embedder;
        this.usage = usage;
        this.budget = budget;
    }

    public record Result(Embeddings embeddings, UsageRecord usage) {
    }

    public Result embed(CallContext context, EmbeddingCall call) {
        models.requireEmbedding(call.model());
        String model = embedder.model().name();
        long estimate = call.inputs().stream().mapToLong(text -> ESTIMATE.count(text) + 2).sum();
        BudgetedChat.CallIds ids = BudgetedChat.CallIds.fresh();
        Reservation reservation = budget.reserve(context.caller(), ids.reservationId(),
                usage.prices().cost(new Usage(model, estimate, 0)));
        Embeddings embeddings;
        try {
            embeddings = embedder.embed(call.inputs());
        } catch (RuntimeException e) {
            budget.settle(context.caller(), reservation, BigDecimal.ZERO);
            throw e;
        }
        UsageRecord record = usage.record(context, OPERATION, new Usage(model, embeddings.inputTokens(), 0),
                ids.usageRecordId());
        budget.settle(context.caller(), reservation, record.costUsd());
        return new Result(embeddings, record);
    }

    public int dimensions() {
        return embedder.model().dimensions();
    }
}
