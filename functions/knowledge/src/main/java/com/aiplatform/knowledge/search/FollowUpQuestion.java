package com.aiplatform.knowledge.search;

import com.aiplatform.shared.text.Terms;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rewrites a follow-up into a standalone question without a model: when the question leans on earlier turns (a
 * pronoun, "and ...", "what about ...", or at most two content words), the content words of the latest earlier
 * user turn that the question lacks are carried over, so "And express?" after "How much does delivery cost?"
 * is searched as "And express? delivery cost". Deterministic; a question that stands alone is kept as it is.
 */
final class FollowUpQuestion {

    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{M}\\p{N}][\\p{L}\\p{M}\\p{N}'-]*");
    private static final Set<String> LEANING = Set.of("it", "its", "they", "them", "their", "that", "this", "those",
            "these", "there", "he", "she", "his", "her", "one");
    private static final Pattern OPENING = Pattern.compile("^(and|also|what about|how about|and what about)\\b",
            Pattern.CASE_INSENSITIVE);
    private static final int SHORT = 2;

    private FollowUpQuestion() {
    }

    static String standalone(String question, List<AskRequest.Turn> history) {
        String earlier = null;
        for (int i = history.size() - 1; i >= 0 && earlier == null; i--) {
            if (history.get(i).role().equals(AskRequest.Turn.USER)) {
                earlier = history.get(i).content();
            }
        }
        if (earlier == null || !leans(question)) {
            return question;
        }
        Set<String> present = new HashSet<>(Terms.of(question));
        Set<String> carried = new LinkedHashSet<>();
        Matcher matcher = WORD.matcher(earlier);
        while (matcher.find()) {
            List<String> terms = Terms.of(matcher.group());
            if (!terms.isEmpty() && present.add(terms.get(0))) {
                carried.add(matcher.group());
            }
        }
        return carried.isEmpty() ? question : question.strip() + " " + String.join(" ", carried);
    }

    private static boolean leans(String question) {
        if (OPENING.matcher(question.strip()).find() || Terms.of(question).size() <= SHORT) {
            return true;
        }
        List<String> words = new ArrayList<>();
        Matcher matcher = WORD.matcher(question.toLowerCase(Locale.ROOT));
        while (matcher.find()) {
            words.add(matcher.group());
        }
        return words.stream().anyMatch(LEANING::contains);
    }
}
