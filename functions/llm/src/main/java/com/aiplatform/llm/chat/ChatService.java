package com.aiplatform.llm.chat;

import com.aiplatform.llm.models.ModelCatalog;
import com.aiplatform.shared.budget.BudgetedChat;
import com.aiplatform.shared.llm.LlmException;
import com.aiplatform.shared.problem.Problem;
import com.aiplatform.shared.problem.ProblemException;
import com.aiplatform.shared.usage.CallContext;

/**
 * A chat completion through the platform's one model seam: the model asked for must be the pool's, the
 * consumer's and tenant's budgets are reserved before the pool is called and settled after, and a usage record
 * is written. A pool that cannot answer is a 503 with the shortest Retry-After its backends asked for.
 */
public final class ChatService {

    public static final String OPERATION = "chat-completions";

    private final ModelCatalog models;
    private final BudgetedChat chat;

    public ChatService(ModelCatalog models, BudgetedChat chat) {
        this.models = models;
        this.chat = chat;
    }

    public BudgetedChat.Result complete(CallContext context, ChatCall call) {
        models.requireChat(call.model());
        try {
            return chat.chat(context, OPERATION, call.request());
        } catch (LlmException e) {
            if (!e.retriable()) {
                throw new ProblemException(Problem.of(400, "model-refused", "The model refused the request",
                        e.getMessage()));
            }
            throw new ProblemException(Problem.of(503, "model-unavailable", "No backend of the model answered",
                    e.getMessage()), e.retryAfter().orElse(null), e);
        }
    }
}
