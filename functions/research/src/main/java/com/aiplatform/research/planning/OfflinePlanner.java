package com.aiplatform.research.planning;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The planner without a model: a deterministic, rule-based decomposition, labelled
 * {@value #LABEL} wherever a plan is shown. In order, it takes (1) the question itself, (2) each clause of a
 * compound question (split at {@code ?}, {@code ;} and at "and"/"as well as"/"versus" between clauses of at
 * least two content words), (3) facet questions about the key phrase (the question's content words in
 * order: facts, figures and time frames, conditions and exceptions, procedures), and (4) one question per
 * key term; it drops any candidate whose content words repeat an earlier one's and keeps the first
 * {@code maxSubquestions}. The same question always gives the same plan. No model is called.
 */
public final class OfflinePlanner implements Planner {

    public static final String LABEL = "offline-decomposition";

    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N}'-]*");
    private static final Pattern CLAUSE_BREAK = Pattern.compile("[?;!]+|\\.(?=\\s|$)");
    private static final Pattern CONJUNCTION = Pattern.compile("\\s*,?\\s+(?:and|as well as|versus|vs\\.?|compared (?:to|with))\\s+",
            Pattern.CASE_INSENSITIVE);
    private static final List<String> FACETS = List.of(
            "What are the key facts about %s?",
            "What figures, limits or time frames apply to %s?",
            "What conditions or exceptions apply to %s?",
            "What steps or procedures are described for %s?");
    private static final Set<String> STOP = Set.of("a", "an", "the", "and", "or", "of", "to", "in", "on", "for",
            "with", "by", "at", "from", "as", "is", "are", "was", "were", "be", "been", "do", "does", "did", "how",
            "what", "which", "who", "whom", "why", "when", "where", "can", "could", "should", "would", "will", "may",
            "might", "must", "i", "we", "you", "they", "it", "its", "our", "your", "their", "this", "that", "these",
            "those", "there", "about", "into", "than", "then", "so", "if", "not", "no", "any", "all", "some", "much",
            "many", "more", "most", "also", "please", "tell", "me", "us", "between", "versus", "vs", "compared",
            "well", "have", "has", "had", "get");

    @Override
    public Optional<Plan> plan(String question, int maxSubquestions, ModelGate model) {
        return Optional.of(new Plan(LABEL, decompose(question, maxSubquestions)));
    }

    public List<String> decompose(String question, int maxSubquestions) {
        String normalized = question.strip().replaceAll("\\s+", " ");
        List<String> candidates = new ArrayList<>();
        candidates.add(asQuestion(normalized));
        clauses(normalized).forEach(clause -> candidates.add(asQuestion(clause)));
        List<String> terms = contentWords(normalized);
        String keyPhrase = String.join(" ", terms.subList(0, Math.min(terms.size(), 6)));
        if (!keyPhrase.isEmpty()) {
            FACETS.forEach(facet -> candidates.add(String.format(facet, keyPhrase)));
            terms.stream().distinct().forEach(term -> candidates.add("What do the sources say about " + term + "?"));
        }
        List<String> plan = new ArrayList<>();
        List<Set<String>> seen = new ArrayList<>();
        for (String candidate : candidates) {
            Set<String> words = new TreeSet<>(contentWords(candidate));
            if (words.isEmpty() || seen.contains(words)) {
                continue;
            }
            seen.add(words);
            plan.add(candidate);
            if (plan.size() == maxSubquestions) {
                break;
            }
        }
        return plan;
    }

    /** The clauses of a compound question; a question of one clause gives none (it is already in the plan). */
    static List<String> clauses(String question) {
        List<String> clauses = new ArrayList<>();
        for (String sentence : CLAUSE_BREAK.split(question)) {
            for (String part : CONJUNCTION.split(sentence)) {
                if (contentWords(part).size() >= 2) {
                    clauses.add(part.strip());
                }
            }
        }
        return clauses.size() > 1 ? clauses : List.of();
    }

    /**
     * Whether a question can be planned: it needs one content word (letters or digits, not only words like
     * "what" or "the"), since every sub-question is made of them. A task is refused at submit otherwise, not
     * left to fail in the plan queue.
     */
    public static boolean plannable(String question) {
        return question != null && !contentWords(question).isEmpty();
    }

    static List<String> contentWords(String text) {
        List<String> words = new ArrayList<>();
        Matcher matcher = WORD.matcher(text.toLowerCase(Locale.ROOT));
        while (matcher.find()) {
            if (!STOP.contains(matcher.group())) {
                words.add(matcher.group());
            }
        }
        return words;
    }

    private static String asQuestion(String text) {
        String trimmed = text.strip().replaceAll("[\\s.?!;,]+$", "");
        return trimmed.isEmpty() ? trimmed : Character.toUpperCase(trimmed.charAt(0)) + trimmed.substring(1) + "?";
    }
}
