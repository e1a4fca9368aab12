package com.aiplatform.knowledge.search;

import com.aiplatform.shared.budget.BudgetExceededException;
import com.aiplatform.shared.budget.BudgetedChat;
import com.aiplatform.shared.json.Json;
import com.aiplatform.shared.llm.ChatMessage;
import com.aiplatform.shared.llm.ChatRequest;
import com.aiplatform.shared.llm.LlmException;
import com.aiplatform.shared.llm.Source;
import com.aiplatform.shared.usage.CallContext;
import com.aiplatform.shared.usage.UsageRecord;
import com.fasterxml.jackson.databind.JsonNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The model as judge ({@code KNOWLEDGE_ANSWER_JUDGE=model}): after the deterministic check, one more call to the
 * same model, through the same budget, asks of every claim whether the passages it cites state it. Used only on a
 * model's answer: the offline extractive answerer copies its sentences from the passages, and there is no model to
 * ask. A reply that is not the verdicts asked for, a failed call or a refused budget leaves the deterministic
 * check's result as it is, and the answer says the judge was unavailable.
 */
public final class ModelJudge {

    static final String INSTRUCTIONS = "You check the claims of an answer against the numbered sources. A claim is "
            + "supported only when the sources it cites state it, not when it is merely plausible. Reply with JSON "
            + "only, one verdict per claim: {\"verdicts\": [{\"claim\": 1, \"supported\": true}]}";
    private static final int MAX_VERDICT_TOKENS = 256;
    private static final Logger LOG = LoggerFactory.getLogger(ModelJudge.class);

    private final BudgetedChat chat;

    public ModelJudge(BudgetedChat chat) {
        this.chat = chat;
    }

    /** The verdict of each claim by its position from 1, and the call's usage; empty when the judge failed. */
    public record Verdicts(Map<Integer, Boolean> supported, UsageRecord usage) {
    }

    public Optional<Verdicts> judge(CallContext context, String question, List<AnswerCheck.Claim> claims,
                                    List<Source> sources) {
        StringBuilder prompt = new StringBuilder("Question: ").append(question).append("\n\nClaims:\n");
        for (int i = 0; i < claims.size(); i++) {
            AnswerCheck.Claim claim = claims.get(i);
            prompt.append(i + 1).append(". ").append(claim.text()).append(" (cites ")
                    .append(claim.citations().isEmpty() ? "nothing" : claim.citations().toString()).append(")\n");
        }
        BudgetedChat.Result result;
        try {
            result = chat.chat(context, "ask-judge", new ChatRequest(
                    List.of(ChatMessage.system(INSTRUCTIONS), ChatMessage.user(prompt.toString())), sources, List.of(),
                    MAX_VERDICT_TOKENS, 0.0));
        } catch (LlmException | BudgetExceededException e) {
            LOG.warn("The answer judge could not run for {}: {}", context.caller().tenant(), e.getMessage());
            return Optional.empty();
        }
        Map<Integer, Boolean> verdicts = parse(result.response().text(), claims.size());
        if (verdicts.size() != claims.size()) {
            LOG.warn("The answer judge gave {} of {} verdicts; keeping the deterministic check", verdicts.size(),
                    claims.size());
            return Optional.empty();
        }
        return Optional.of(new Verdicts(verdicts, result.usage()));
    }

    /** The verdicts of claims 1..count in the reply (a JSON object, possibly inside a code fence). */
    static Map<Integer, Boolean> parse(String reply, int count) {
        int start = reply.indexOf('{');
        int end = reply.lastIndexOf('}');
        Map<Integer, Boolean> verdicts = new HashMap<>();
        if (start < 0 || end < start) {
            return verdicts;
        }
        JsonNode tree;
        try {
            tree = Json.tree(reply.substring(start, end + 1));
        } catch (RuntimeException e) {
            return verdicts;
        }
        for (JsonNode verdict : tree.path("verdicts")) {
            int claim = verdict.path("claim").asInt(0);
            JsonNode supported = verdict.path("supported");
            if (claim >= 1 && claim <= count && supported.isBoolean()) {
                verdicts.putIfAbsent(claim, supported.booleanValue());
            }
        }
        return verdicts;
    }
}
