package com.aiplatform.knowledge.search;

import com.aiplatform.shared.budget.BudgetedChat;
import com.aiplatform.shared.llm.ChatMessage;
import com.aiplatform.shared.llm.ChatRequest;
import com.aiplatform.shared.llm.ChatResponse;
import com.aiplatform.shared.llm.Generator;
import com.aiplatform.shared.llm.Source;
import com.aiplatform.shared.usage.CallContext;
import com.aiplatform.shared.usage.UsageRecord;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.List;
import java.util.Optional;

/**
 * Answers a question from the tenant's documents: hybrid retrieval, then the LLM over numbered sources,
 * through {@link BudgetedChat} so the caller's money budget is reserved before and settled after. Every claim
 * of the answer is then checked against the passages it cites ({@link AnswerCheck}); unsupported or off-question
 * claims are dropped, and when none is left the answer abstains and suggests the closest sources. With a
 * {@link ModelJudge}, a model's answer is also judged by the model, and what it finds unsupported is dropped too.
 */
public final class AnswerService {

    static final String INSTRUCTIONS = "You answer questions for an enterprise knowledge base. Use only the numbered "
            + "sources. Cite every statement with the source number in brackets, like [1]. If the sources do not "
            + "contain the answer, say that you do not know.";
    private static final int MAX_ANSWER_TOKENS = 512;
    private static final int EXCERPT_LENGTH = 300;
    private static final int SUGGESTIONS = 3;
    static final String ABSTAINED = "No passage in the documents answers this question. The closest sources are "
            + "listed as suggestions.";

    private final SearchService search;
    private final BudgetedChat chat;
    private final AnswerCheck check;
    private final Optional<ModelJudge> judge;

    public AnswerService(SearchService search, BudgetedChat chat, AnswerCheck check, Optional<ModelJudge> judge) {
        this.search = search;
        this.chat = chat;
        this.check = check;
        this.judge = judge;
    }

    public Answer ask(CallContext context, AskRequest request) {
        String question = FollowUpQuestion.standalone(request.question(), request.history());
        SearchResult retrieved = search.search(context,
                new SearchRequest(question, request.topK(), SearchMode.HYBRID, request.filter()));
        List<Source> sources = new ArrayList<>();
        for (int i = 0; i < retrieved.results().size(); i++) {
            SearchHit hit = retrieved.results().get(i);
            sources.add(new Source(i + 1, hit.title() + " (" + hit.documentId() + ")", hit.text()));
        }
        BudgetedChat.Result result = chat.chat(context, "ask", new ChatRequest(
                List.of(ChatMessage.system(INSTRUCTIONS), ChatMessage.user(question)),
                sources, List.of(), MAX_ANSWER_TOKENS, 0.1));
        ChatResponse response = result.response();
        UsageRecord record = result.usage();
        List<AnswerCheck.Claim> claims = check.check(question, response.text(), sources);
        String judged = null;
        long inputTokens = record.inputTokens();
        long outputTokens = record.outputTokens();
        BigDecimal cost = record.costUsd();
        if (judge.isPresent() && response.generator() == Generator.MODEL && !claims.isEmpty()) {
            Optional<ModelJudge.Verdicts> verdicts = judge.get().judge(context, question, claims, sources);
            judged = verdicts.isPresent() ? "model" : "unavailable";
            if (verdicts.isPresent()) {
                List<AnswerCheck.Claim> checked = new ArrayList<>();
                for (int i = 0; i < claims.size(); i++) {
                    checked.add(claims.get(i).judgedAs(verdicts.get().supported().get(i + 1)));
                }
                claims = checked;
                UsageRecord judgeUsage = verdicts.get().usage();
                inputTokens += judgeUsage.inputTokens();
                outputTokens += judgeUsage.outputTokens();
                cost = cost.add(judgeUsage.costUsd());
            }
        }
        List<AnswerCheck.Claim> kept = claims.stream().filter(AnswerCheck.Claim::kept).toList();
        Set<Integer> cited = new LinkedHashSet<>();
        kept.forEach(claim -> cited.addAll(claim.citations()));
        List<Answer.Citation> citations = new ArrayList<>();
        for (int number : cited) {
            SearchHit hit = retrieved.results().get(number - 1);
            citations.add(new Answer.Citation(number, hit.documentId(), hit.title(), hit.chunkId(),
                    excerpt(hit.text()), hit.source()));
        }
        boolean answerable = !kept.isEmpty();
        List<Answer.Suggestion> suggestions = answerable ? List.of() : retrieved.results().stream().limit(SUGGESTIONS)
                .map(hit -> new Answer.Suggestion(hit.documentId(), hit.title(), hit.chunkId(), excerpt(hit.text()),
                        hit.source(), hit.score()))
                .toList();
        var support = new Answer.Support(claims.size(), kept.size(), claims.size() - kept.size(),
                claims.isEmpty() ? 0 : Math.round(1000d * kept.size() / claims.size()) / 1000d, claims, judged);
        return new Answer(request.question(), question, answerable ? render(kept) : ABSTAINED, answerable, citations,
                suggestions, support, response.generator().label(), response.usage().model(),
                new Answer.Usage(inputTokens, outputTokens, cost));
    }

    private static String render(List<AnswerCheck.Claim> kept) {
        StringBuilder text = new StringBuilder();
        for (AnswerCheck.Claim claim : kept) {
            text.append(text.isEmpty() ? "" : " ").append(claim.text());
            claim.citations().forEach(n -> text.append(" [").append(n).append(']'));
        }
        return text.toString();
    }

    private static String excerpt(String text) {
        return text.length() <= EXCERPT_LENGTH ? text : text.substring(0, EXCERPT_LENGTH - 3) + "...";
    }
}
