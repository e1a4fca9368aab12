package com.aiplatform.shared.llm.extractive;

import com.aiplatform.shared.llm.ChatMessage;
import com.aiplatform.shared.llm.ChatRequest;
import com.aiplatform.shared.llm.ChatResponse;
import com.aiplatform.shared.llm.Generator;
import com.aiplatform.shared.llm.LlmClient;
import com.aiplatform.shared.llm.Source;
import com.aiplatform.shared.text.Terms;
import com.aiplatform.shared.text.TokenCounter;
import com.aiplatform.shared.usage.Usage;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The offline fallback: no model, only sentences taken word for word from the sources. It splits the
 * sources into sentences, ranks them against the last user message with BM25 (stemmed, stop words
 * dropped), keeps the best few that fit {@code maxOutputTokens}, and writes them in source order, each
 * followed by the {@code [n]} of its source. When nothing in the sources matches, it says so instead of
 * writing anything of its own. It never requests tools and always reports {@link Generator#EXTRACTIVE_OFFLINE},
 * so no caller can mistake its answers for a model's. Deterministic: the same request gives the same answer.
 */
public final class ExtractiveLlmClient implements LlmClient {

    static final String NO_SOURCES = "The offline fallback found nothing in the sources to answer from: "
            + "no sources were given, and it does not write answers of its own.";
    static final String NO_MATCH = "The offline fallback found nothing in the sources to answer from: "
            + "no passage in the sources matches the question.";

    private static final int MAX_SENTENCES = 3;
    private static final int MIN_WORDS = 3;
    /** Sentences scoring below this share of the best one add more noise than answer. */
    private static final double RELATIVE_FLOOR = 0.35;
    // A relative floor alone let a sentence through on one common question word the best sentence already had
    // ("express delivery cost" chose "Hotel costs are reimbursed..."): after the best, a sentence must also bring
    // a question term that the sentences chosen so far do not hold. A heading ("Returns and refunds") holds
    // terms without saying anything, so it covers none and the sentence under it still counts.
    private static final Pattern SENTENCE_END = Pattern.compile("[.!?:;…]\\W*$");

    private final TokenCounter tokens;

    /** Counts tokens with {@link TokenCounter#approximate()}, as every app without a tokenizer does. */
    public ExtractiveLlmClient() {
        this(TokenCounter.approximate());
    }

    public ExtractiveLlmClient(TokenCounter tokens) {
        this.tokens = Objects.requireNonNull(tokens, "tokens");
    }

    @Override
    public ChatResponse chat(ChatRequest request) {
        List<Candidate> sentences = sentencesOf(request.sources());
        List<String> query = List.copyOf(new LinkedHashSet<>(Terms.of(request.lastUserMessage())));
        List<Candidate> ranked = SentenceRanker.rank(sentences, query);
        String text;
        List<Integer> citations = new ArrayList<>();
        String finishReason = "stop";
        if (request.sources().isEmpty()) {
            text = NO_SOURCES;
        } else if (ranked.isEmpty()) {
            text = NO_MATCH;
        } else {
            Selection selection = select(ranked, query, request.maxOutputTokens());
            text = render(selection.chosen());
            selection.chosen().stream().map(Candidate::source).distinct().forEach(citations::add);
            finishReason = selection.truncated() ? "length" : "stop";
        }
        var usage = new Usage(modelName(), inputTokens(request), tokens.count(text));
        return new ChatResponse(text, List.of(), citations, Generator.EXTRACTIVE_OFFLINE, usage, finishReason);
    }

    @Override
    public String modelName() {
        return Generator.EXTRACTIVE_OFFLINE.label();
    }

    private static List<Candidate> sentencesOf(List<Source> sources) {
        List<Candidate> sentences = new ArrayList<>();
        for (Source source : sources) {
            for (String sentence : Sentences.split(source.text())) {
                if (Terms.wordCount(sentence) >= MIN_WORDS) {
                    sentences.add(new Candidate(sentences.size(), source.number(), sentence, Terms.of(sentence), 0));
                }
            }
        }
        return sentences;
    }

    private Selection select(List<Candidate> ranked, List<String> query, int maxOutputTokens) {
        double floor = ranked.get(0).score() * RELATIVE_FLOOR;
        List<Candidate> chosen = new ArrayList<>();
        Set<List<String>> seen = new HashSet<>();
        Set<String> covered = new HashSet<>();
        int used = 0;
        for (Candidate candidate : ranked) {
            if (chosen.size() == MAX_SENTENCES || candidate.score() < floor) {
                break;
            }
            if (!seen.add(candidate.terms()) || !chosen.isEmpty() && !addsQuestionTerm(candidate, query, covered)) {
                continue;
            }
            int cost = tokens.count(cited(candidate)) + 1;
            if (used + cost <= maxOutputTokens) {
                chosen.add(candidate);
                if (!heading(candidate)) {
                    covered.addAll(candidate.terms());
                }
                used += cost;
            }
        }
        if (chosen.isEmpty()) {
            Candidate best = ranked.get(0);
            return new Selection(List.of(best.withText(shortened(best, maxOutputTokens))), true);
        }
        chosen.sort(Comparator.comparingInt(Candidate::position));
        return new Selection(chosen, false);
    }

    private static boolean heading(Candidate candidate) {
        return !SENTENCE_END.matcher(candidate.text()).find();
    }

    private static boolean addsQuestionTerm(Candidate candidate, List<String> query, Set<String> covered) {
        for (String term : query) {
            if (!covered.contains(term) && candidate.terms().contains(term)) {
                return true;
            }
        }
        return false;
    }

    /** The best sentence cut at a word boundary to fit the budget, marked as cut. */
    private String shortened(Candidate best, int maxOutputTokens) {
        String[] words = best.text().split("\\s+");
        StringBuilder kept = new StringBuilder();
        for (String word : words) {
            String next = kept.isEmpty() ? word : kept + " " + word;
            if (!kept.isEmpty() && tokens.count(next + "… [" + best.source() + "]") > maxOutputTokens) {
                break;
            }
            kept.setLength(0);
            kept.append(next);
        }
        return kept + "…";
    }

    private static String render(List<Candidate> chosen) {
        List<String> parts = new ArrayList<>();
        chosen.forEach(candidate -> parts.add(cited(candidate)));
        return String.join(" ", parts);
    }

    private static String cited(Candidate candidate) {
        return candidate.text() + " [" + candidate.source() + "]";
    }

    private int inputTokens(ChatRequest request) {
        int total = 0;
        for (ChatMessage message : request.messages()) {
            total += message.content() == null ? 0 : tokens.count(message.content());
        }
        for (Source source : request.sources()) {
            total += tokens.count(Objects.toString(source.reference(), ""))
                    + tokens.count(Objects.toString(source.text(), ""));
        }
        return total;
    }

    private record Selection(List<Candidate> chosen, boolean truncated) {
    }
}
