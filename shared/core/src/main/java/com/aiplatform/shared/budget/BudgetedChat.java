package com.aiplatform.shared.budget;

import com.aiplatform.shared.concurrent.Await;
import com.aiplatform.shared.llm.ChatMessage;
import com.aiplatform.shared.llm.ChatRequest;
import com.aiplatform.shared.llm.ChatResponse;
import com.aiplatform.shared.llm.LlmClient;
import com.aiplatform.shared.llm.Source;
import com.aiplatform.shared.llm.ToolCall;
import com.aiplatform.shared.llm.ToolSpec;
import com.aiplatform.shared.telemetry.TraceContext;
import com.aiplatform.shared.text.TokenCounter;
import com.aiplatform.shared.usage.CallContext;
import com.aiplatform.shared.usage.Usage;
import com.aiplatform.shared.usage.UsageMeter;
import com.aiplatform.shared.usage.UsageRecord;

import io.opentelemetry.context.Context;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * The one seam every app's model calls go through: reserve the estimated cost (prompt tokens plus
 * max output tokens, at the model's price), call the model, record the usage, settle the actual cost.
 * A failed call settles at zero, releasing the reservation. The usage record and the settlement run on
 * {@code accounting} (the calling thread by default); a caller that has writes of its own to make can
 * {@link #start} a call and wait for {@link Result#accounted()} after them, so the two round trips cost it nothing.
 */
public final class BudgetedChat {

    private final LlmClient llm;
    private final UsageMeter usage;
    private final Budget budget;
    private final TokenCounter tokens;
    private final Executor accounting;

    public BudgetedChat(LlmClient llm, UsageMeter usage, Budget budget, TokenCounter tokens) {
        this(llm, usage, budget, tokens, Runnable::run);
    }

    public BudgetedChat(LlmClient llm, UsageMeter usage, Budget budget, TokenCounter tokens, Executor accounting) {
        this.llm = llm;
        this.usage = usage;
        this.budget = budget;
        this.tokens = tokens;
        this.accounting = accounting;
    }

    /**
     * The ids a call is reserved and recorded under. Work that may run again (a redelivered queue message)
     * derives them from what identifies the call, so the repeat finds the first reservation and writes the same
     * ledger row; the reservation id follows {@link ReservationIds}, and a usage record id is a Table row key.
     */
    public record CallIds(String reservationId, String usageRecordId) {

        public CallIds {
            if (!ReservationIds.valid(reservationId) || !ReservationIds.valid(usageRecordId)) {
                throw new IllegalArgumentException("Call ids are 1-64 letters, digits or hyphens: "
                        + reservationId + ", " + usageRecordId);
            }
        }

        /** For a call made once (a request): new ids. */
        public static CallIds fresh() {
            String id = UUID.randomUUID().toString();
            return new CallIds(id, id);
        }

        /** For a call that may be made again: the same app and parts always give the same ids. */
        public static CallIds derive(String app, String... parts) {
            String id = ReservationIds.derive(app, parts);
            return new CallIds(id, id);
        }
    }

    /** A request with the most it can cost, for a caller that holds a limit of its own before the call. */
    public record Priced(ChatRequest request, BigDecimal estimateUsd) {
    }

    /**
     * The model's answer, the usage record it was billed under, the time spent in the model itself, and the
     * usage record and settlement ({@code accounted}: done when both are).
     */
    public record Result(ChatResponse response, UsageRecord usage, long modelNanos, CompletableFuture<Void> accounted) {
    }

    /** @throws BudgetExceededException (402) before calling the model when the estimate would pass a budget */
    public Result chat(CallContext context, String operation, ChatRequest request) {
        Result result = start(context, operation, price(request), CallIds.fresh());
        Await.result(result.accounted()); // the accounting's own exception, not a CompletionException around it
        return result;
    }

    /** The most {@code request} can cost: its prompt tokens and all its output tokens, at the model's price. */
    public Priced price(ChatRequest request) {
        return new Priced(request, usage.prices().cost(new Usage(llm.modelName(), promptTokens(request),
                request.maxOutputTokens())));
    }

    /**
     * Reserves under {@code ids}, calls the model and starts the accounting without waiting for it.
     *
     * @throws BudgetExceededException (402) before calling the model when the estimate would pass a budget
     */
    public Result start(CallContext context, String operation, Priced priced, CallIds ids) {
        Reservation reservation = budget.reserve(context.caller(), ids.reservationId(), priced.estimateUsd());
        ChatResponse response;
        long start = System.nanoTime();
        try {
            response = llm.chat(priced.request());
        } catch (RuntimeException e) {
            budget.settle(context.caller(), reservation, BigDecimal.ZERO);
            throw e;
        }
        long modelNanos = System.nanoTime() - start;
        UsageRecord record = usage.price(context, operation, response.usage(), ids.usageRecordId());
        return new Result(response, record, modelNanos, account(context, record, reservation));
    }

    /**
     * Sends the usage record and settles the reservation of a call made before, again: for a worker that finds a
     * call's result stored but cannot know whether the worker before it finished accounting. Counted once.
     */
    public CompletableFuture<Void> account(CallContext context, String operation, Usage used, CallIds ids) {
        UsageRecord record = usage.price(context, operation, used, ids.usageRecordId());
        return account(context, record, new Reservation(ids.reservationId(), BigDecimal.ZERO, Optional.empty()));
    }

    /** Both writes run in the call's trace, on whichever thread {@code accounting} gives them. */
    private CompletableFuture<Void> account(CallContext context, UsageRecord record, Reservation reservation) {
        Context trace = TraceContext.current().isPresent() ? Context.current() : TraceContext.restore(context.traceId());
        return CompletableFuture.allOf(
                CompletableFuture.runAsync(trace.wrap(() -> usage.send(record)), accounting),
                CompletableFuture.runAsync(trace.wrap(() -> budget.settle(context.caller(), reservation,
                        record.costUsd())), accounting));
    }

    public String modelName() {
        return llm.modelName();
    }

    /**
     * An upper estimate: every message (with its tool calls' arguments), source and tool definition the model reads,
     * plus a few tokens of framing each. A call must not cost more than it reserved, or concurrent calls could
     * together pass the budget.
     */
    int promptTokens(ChatRequest request) {
        int total = 0;
        for (ChatMessage message : request.messages()) {
            total += 4 + (message.content() == null ? 0 : tokens.count(message.content()));
            for (ToolCall call : message.toolCalls()) {
                total += 4 + tokens.count(Objects.toString(call.name(), ""))
                        + tokens.count(Objects.toString(call.argumentsJson(), ""));
            }
        }
        for (ToolSpec tool : request.tools()) {
            total += 8 + tokens.count(Objects.toString(tool.name(), ""))
                    + tokens.count(Objects.toString(tool.description(), ""))
                    + tokens.count(tool.parametersSchema() == null ? "" : tool.parametersSchema().toString());
        }
        for (Source source : request.sources()) {
            total += 8 + tokens.count(source.reference() == null ? "" : source.reference())
                    + tokens.count(source.text() == null ? "" : source.text());
        }
        return total;
    }
}
