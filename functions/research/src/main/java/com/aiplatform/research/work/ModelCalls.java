package com.aiplatform.research.work;

import com.aiplatform.research.planning.ModelGate;
import com.aiplatform.research.tasks.Task;
import com.aiplatform.research.tasks.TaskKey;
import com.aiplatform.research.tasks.TaskRepository;
import com.aiplatform.research.tasks.TaskStatus;
import com.aiplatform.shared.identity.Caller;
import com.aiplatform.shared.llm.ChatMessage;
import com.aiplatform.shared.llm.ChatRequest;
import com.aiplatform.shared.llm.ChatResponse;
import com.aiplatform.shared.llm.LlmClient;
import com.aiplatform.shared.llm.Source;
import com.aiplatform.shared.usage.CallContext;
import com.aiplatform.shared.usage.Usage;
import com.aiplatform.shared.usage.UsageMeter;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Every model call of a task goes through here: reserve the most the call can cost on the task's ledger
 * (refused, and the task stopped as {@code budget_exceeded}, if that would pass {@code maxCostUsd}), call,
 * send a usage record linked to the task, settle the actual cost. Reservations are upper bounds (input
 * estimated generously, output at {@code maxOutputTokens}), so settled spending never passes the cap.
 */
public final class ModelCalls {

    static final String APP = "research";

    private final LlmClient llm;
    private final UsageMeter meter;
    private final TaskRepository tasks;
    private final Clock clock;

    public ModelCalls(LlmClient llm, UsageMeter meter, TaskRepository tasks, Clock clock) {
        this.llm = llm;
        this.meter = meter;
        this.tasks = tasks;
        this.clock = clock;
    }

    public String modelName() {
        return llm.modelName();
    }

    public BigDecimal cost(Usage usage) {
        return meter.prices().cost(usage);
    }

    /** A gate for one call attempt; {@code modelNanos} collects the time spent waiting for the model. */
    public ModelGate gate(Task task, String ledgerKey, String operation, AtomicLong modelNanos) {
        return request -> call(task, ledgerKey, operation, request, modelNanos);
    }

    private Optional<ChatResponse> call(Task task, String ledgerKey, String operation, ChatRequest request,
                                        AtomicLong modelNanos) {
        TaskKey key = task.key();
        BigDecimal estimate = meter.prices().cost(new Usage(llm.modelName(), estimateInputTokens(request),
                request.maxOutputTokens()));
        AtomicBoolean granted = new AtomicBoolean();
        tasks.update(key, t -> {
            granted.set(false);
            if (t.status().terminal()) {
                return false;
            }
            if (t.overBudget(estimate)) {
                t.transition(TaskStatus.BUDGET_EXCEEDED, String.format("The next model call (%s, up to $%s) would pass "
                        + "maxCostUsd $%s; $%s spent so far", operation, estimate.toPlainString(),
                        t.limits().maxCostUsd().toPlainString(), t.ledger().costUsd().toPlainString()), clock.instant());
                return true;
            }
            granted.set(true);
            t.ledger(t.ledger().reserve(ledgerKey, estimate), clock.instant());
            return true;
        });
        if (!granted.get()) {
            return Optional.empty();
        }
        long start = System.nanoTime();
        ChatResponse response;
        try {
            response = llm.chat(request);
        } catch (RuntimeException e) {
            settle(key, ledgerKey, Usage.none(llm.modelName()), BigDecimal.ZERO); // a failed call is not billed
            throw e;
        } finally {
            modelNanos.addAndGet(System.nanoTime() - start);
        }
        var context = new CallContext(new Caller(task.owner().consumerId(), key.tenant(), task.owner().roles()), APP,
                key.id(), task.traceparent());
        var record = meter.record(context, operation, response.usage());
        settle(key, ledgerKey, response.usage(), record.costUsd());
        return Optional.of(response);
    }

    private void settle(TaskKey key, String ledgerKey, Usage usage, BigDecimal cost) {
        tasks.update(key, t -> {
            if (t.ledger().settled(ledgerKey)) {
                return false;
            }
            t.ledger(t.ledger().settle(ledgerKey, cost, usage.inputTokens(), usage.outputTokens()), clock.instant());
            if (!t.status().terminal() && t.overBudget(BigDecimal.ZERO)) {
                t.transition(TaskStatus.BUDGET_EXCEEDED, "Spending reached maxCostUsd $"
                        + t.limits().maxCostUsd().toPlainString(), clock.instant());
            }
            return true;
        });
    }

    /** Generous on purpose (3 characters a token, plus framing), so that the reservation covers the real count. */
    static long estimateInputTokens(ChatRequest request) {
        long characters = 0;
        long items = 0;
        for (ChatMessage message : request.messages()) {
            characters += message.content() == null ? 0 : message.content().length();
            items++;
        }
        for (Source source : request.sources()) {
            characters += (source.reference() == null ? 0 : source.reference().length())
                    + (source.text() == null ? 0 : source.text().length());
            items++;
        }
        return characters / 3 + 8 * items + 64;
    }
}
