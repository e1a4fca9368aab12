package com.aiplatform.knowledge.search;

import com.aiplatform.shared.embedding.Embedder;
import com.aiplatform.shared.embedding.Vectors;
import com.aiplatform.shared.llm.GroundingPrompt;
import com.aiplatform.shared.llm.Source;
import com.aiplatform.shared.llm.extractive.Sentences;
import com.aiplatform.shared.text.Terms;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Checks each claim of an answer (the text before a run of {@code [n]} markers) against the passages it cites,
 * the same for a model's answer and the extractive fallback's: support is the best, over the cited passages'
 * sentences, of the mean of the embedding cosine and the share of the claim's terms the sentence holds;
 * relevance is the cosine between the question and the claim. A claim is kept when both reach their floor;
 * an uncited claim has no support. Deterministic for a given embedding model.
 */
public final class AnswerCheck {

    private static final Pattern CITED = Pattern.compile("([^\\[\\]]+?)\\s*((?:\\[\\d{1,4}(?:\\s*,\\s*\\d{1,4})*]\\s*)+)");

    /** Verbatim and closely paraphrased claims score 0.8-1; a claim from another passage scores below 0.5. */
    public static final double MIN_SUPPORT = 0.6;
    /**
     * all-MiniLM-L6-v2 gave 0.64-0.88 between sample questions and the sentences answering them, 0.31-0.37 to
     * sentences sharing only a word or the company's name with them, and under 0.1 to unrelated ones.
     */
    public static final double MIN_RELEVANCE = 0.45;

    private final Embedder embedder;
    private final double minSupport;
    private final double minRelevance;

    public AnswerCheck(Embedder embedder) {
        this(embedder, MIN_SUPPORT, MIN_RELEVANCE);
    }

    public AnswerCheck(Embedder embedder, double minSupport, double minRelevance) {
        this.embedder = embedder;
        this.minSupport = minSupport;
        this.minRelevance = minRelevance;
    }

    /**
     * One claim with the sources it cites, its scores, the model judge's verdict ({@code null} when no judge ran),
     * and whether it stays in the answer.
     */
    public record Claim(String text, List<Integer> citations, double support, double relevance, Boolean judged,
                        boolean kept) {

        /** This claim with the judge's verdict: an unsupported verdict drops it, a supported one keeps the check's. */
        public Claim judgedAs(boolean supported) {
            return new Claim(text, citations, support, relevance, supported, kept && supported);
        }
    }

    public List<Claim> check(String question, String answer, List<Source> sources) {
        Map<Integer, Source> byNumber = sources.stream().collect(Collectors.toMap(Source::number, Function.identity()));
        List<Claim> claims = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        List<List<Integer>> cited = new ArrayList<>();
        split(answer, sources, texts, cited);
        for (int i = 0; i < texts.size(); i++) {
            List<String> passage = new ArrayList<>();
            cited.get(i).forEach(n -> passage.addAll(Sentences.split(byNumber.get(n).text())));
            List<String> inputs = new ArrayList<>(List.of(question, texts.get(i)));
            inputs.addAll(passage);
            List<float[]> vectors = embedder.embed(inputs).vectors();
            double support = 0;
            Set<String> claimTerms = new HashSet<>(Terms.of(texts.get(i)));
            for (int p = 0; p < passage.size(); p++) {
                double overlap = overlap(claimTerms, Terms.of(passage.get(p)));
                support = Math.max(support, (Vectors.dot(vectors.get(1), vectors.get(p + 2)) + overlap) / 2);
            }
            double relevance = Vectors.dot(vectors.get(0), vectors.get(1));
            claims.add(new Claim(texts.get(i), cited.get(i), round(support), round(relevance), null,
                    support >= minSupport && relevance >= minRelevance));
        }
        return claims;
    }

    private static void split(String answer, List<Source> sources, List<String> texts, List<List<Integer>> cited) {
        Matcher matcher = CITED.matcher(answer);
        int end = 0;
        while (matcher.find()) {
            add(matcher.group(1), GroundingPrompt.citations(matcher.group(2), sources), texts, cited);
            end = matcher.end();
        }
        add(answer.substring(end), List.of(), texts, cited);
    }

    private static void add(String text, List<Integer> citations, List<String> texts, List<List<Integer>> cited) {
        String claim = text.strip();
        if (Terms.wordCount(claim) > 0) {
            texts.add(claim);
            cited.add(List.copyOf(new LinkedHashSet<>(citations)));
        }
    }

    private static double overlap(Set<String> claim, List<String> sentence) {
        if (claim.isEmpty()) {
            return 0;
        }
        Set<String> shared = new HashSet<>(sentence);
        shared.retainAll(claim);
        return (double) shared.size() / claim.size();
    }

    private static double round(double value) {
        return Math.round(value * 1000d) / 1000d;
    }
}
