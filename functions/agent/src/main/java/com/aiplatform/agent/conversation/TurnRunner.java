package com.aiplatform.agent.conversation;

import com.aiplatform.agent.tools.ToolContext;
import com.aiplatform.agent.tools.ToolExecution;
import com.aiplatform.agent.tools.Toolbox;
import com.aiplatform.shared.budget.BudgetedChat;
import com.aiplatform.shared.llm.ChatMessage;
import com.aiplatform.shared.llm.ChatRequest;
import com.aiplatform.shared.llm.ChatResponse;
import com.aiplatform.shared.llm.LlmException;
import com.aiplatform.shared.llm.ToolCall;
import com.aiplatform.shared.llm.ToolSpec;
import com.aiplatform.shared.problem.Problem;
import com.aiplatform.shared.problem.ProblemException;
import com.aiplatform.shared.usage.UsageRecord;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The model-and-tools loop of one turn: the model answers or asks for tools; the tools run (through the
 * {@link Toolbox} guardrail) and their results go back; at most {@code maxToolRounds} rounds, after which
 * the model is asked once more with no tools offered, so it has to answer. Every model call is metered
 * with the conversation id as its correlation id.
 */
public final class TurnRunner {

    /** Keeps one turn's messages within a single Table storage batch (100 rows) at any round limit up to 10. */
    static final int MAX_CALLS_PER_ROUND = 8;
    private static final double TEMPERATURE = 0.2;

    private final BudgetedChat chat;
    private final Toolbox toolbox;
    private final int maxToolRounds;
    private final int maxOutputTokens;

    public TurnRunner(BudgetedChat chat, Toolbox toolbox, int maxToolRounds, int maxOutputTokens) {
        this.chat = chat;
        this.toolbox = toolbox;
        this.maxToolRounds = maxToolRounds;
        this.maxOutputTokens = maxOutputTokens;
    }

    public TurnResult run(ToolContext context, List<ChatMessage> prompt) {
        List<ChatMessage> messages = new ArrayList<>(prompt);
        List<ChatMessage> produced = new ArrayList<>();
        List<ToolExecution> executions = new ArrayList<>();
        Meter meter = new Meter();
        for (int round = 0; ; round++) {
            boolean toolsOffered = round < maxToolRounds;
            ChatResponse response = call(context, messages, toolsOffered ? toolbox.specs() : List.of(), meter);
            if (response.toolCalls().isEmpty() || !toolsOffered) {
                boolean limit = !response.toolCalls().isEmpty();
                String reply = limit ? "I stopped after " + maxToolRounds + " rounds of tool calls without reaching "
                        + "an answer. Please rephrase or ask for a human colleague." : response.text();
                ChatMessage last = ChatMessage.assistant(reply, List.of());
                produced.add(last);
                return new TurnResult(reply, response.generator(), produced, executions, meter.calls, meter.input,
                        meter.output, meter.cost, limit);
            }
            List<ToolCall> calls = response.toolCalls().stream().limit(MAX_CALLS_PER_ROUND).toList();
            ChatMessage request = ChatMessage.assistant(response.text(), calls);
            messages.add(request);
            produced.add(request);
            for (ToolCall call : calls) {
                ToolExecution execution = toolbox.execute(context, call);
                executions.add(execution);
                ChatMessage result = ChatMessage.tool(call.id(), execution.modelContent());
                messages.add(result);
                produced.add(result);
            }
        }
    }

    private ChatResponse call(ToolContext context, List<ChatMessage> messages, List<ToolSpec> tools, Meter meter) {
        BudgetedChat.Result result;
        try {
            result = chat.chat(context.call(), "agent.chat",
                    new ChatRequest(messages, List.of(), tools, maxOutputTokens, TEMPERATURE));
        } catch (LlmException e) {
            throw new ProblemException(Problem.of(503, "model-unavailable", "The language model is unavailable",
                    "The model could not answer (" + e.getMessage() + "); nothing was stored, send the message again"),
                    e.retryAfter().orElse(Duration.ofSeconds(5)), e);
        }
        meter.add(result.usage());
        return result.response();
    }

    private static final class Meter {
        int calls;
        long input;
        long output;
        BigDecimal cost = BigDecimal.ZERO;

        void add(UsageRecord record) {
            calls++;
            input += record.inputTokens();
            output += record.outputTokens();
            cost = cost.add(record.costUsd());
        }
    }
}
