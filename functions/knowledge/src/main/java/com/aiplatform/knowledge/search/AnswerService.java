package com.aiplatform.knowledge.search;

import com.aiplatform.shared.budget.BudgetedChat;
import com.aiplatform.shared.llm.ChatMessage;
import com.aiplatform.shared.llm.ChatRequest;
import com.aiplatform.shared.llm.ChatResponse;
import com.aiplatform.shared.llm.Source;
import com.aiplatform.shared.usage.CallContext;
import com.aiplatform.shared.usage.UsageRecord;

import java.util.ArrayList;
import java.util.List;

/**
 * Answers a question from the tenant's documents: hybrid retrieval, then the LLM over numbered sources,
 * through {@link BudgetedChat} so the caller's money budget is reserved before and settled after.
 */
public final class AnswerService {

    static final String INSTRUCTIONS = "You answer questions for an enterprise knowledge base. Use only the numbered "
            + "sources. Cite every statement with the source number in brackets, like [1]. If the sources do not "
            + "contain the answer, say that you do not know.";
    private static final int MAX_ANSWER_TOKENS = 512;
    private static final int EXCERPT_LENGTH = 300;

    private final SearchService search;
    private final BudgetedChat chat;

    public AnswerService(SearchService search, BudgetedChat chat) {
        this.search = search;
        this.chat = chat;
    }

    public Answer ask(CallContext context, AskRequest request) {
        SearchResult retrieved = search.search(context,
                new SearchRequest(request.question(), request.topK(), SearchMode.HYBRID, request.filter()));
        List<Source> sources = new ArrayList<>();
        for (int i = 0; i < retrieved.results().size(); i++) {
            SearchHit hit = retrieved.results().get(i);
            sources.add(new Source(i + 1, hit.title() + " (" + hit.documentId() + ")", hit.text()));
        }
        BudgetedChat.Result result = chat.chat(context, "ask", new ChatRequest(
                List.of(ChatMessage.system(INSTRUCTIONS), ChatMessage.user(request.question())),
                sources, List.of(), MAX_ANSWER_TOKENS, 0.1));
        ChatResponse response = result.response();
        UsageRecord record = result.usage();
        List<Answer.Citation> citations = new ArrayList<>();
        for (int number : response.citations()) {
            if (number >= 1 && number <= retrieved.results().size()) {
                SearchHit hit = retrieved.results().get(number - 1);
                citations.add(new Answer.Citation(number, hit.documentId(), hit.title(), hit.chunkId(),
                        excerpt(hit.text()), hit.source()));
            }
        }
        return new Answer(request.question(), response.text(), citations, response.generator().label(),
                response.usage().model(),
                new Answer.Usage(record.inputTokens(), record.outputTokens(), record.costUsd()));
    }

    private static String excerpt(String text) {
        return text.length() <= EXCERPT_LENGTH ? text : text.substring(0, EXCERPT_LENGTH - 3) + "...";
    }
}
