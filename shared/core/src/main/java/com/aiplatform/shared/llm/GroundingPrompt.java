package com.aiplatform.shared.llm;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * How sources reach a model and how its citations come back, the same for every model adapter: the sources
 * go into one system message as {@code [n] reference} blocks under an instruction to answer only from them
 * and cite {@code [n]}; citations are read back from the answer, keeping only numbers that name a source.
 */
public final class GroundingPrompt {

    static final String INSTRUCTION = """
            Answer only from the numbered sources below. After each sentence that uses a source, cite it by its \
            number in square brackets, such as [1]; cite several as [1][2]. Do not cite anything else. If the \
            sources do not contain the answer, say that they do not, and do not answer from your own knowledge.""";

    /** {@code [3]}, {@code [1, 2]} and {@code [1][2]} all count; {@code [a]} and {@code [1.5]} do not. */
    private static final Pattern CITATION = Pattern.compile("\\[(\\d{1,4}(?:\\s*,\\s*\\d{1,4})*)]");

    private GroundingPrompt() {
    }

    /** The system message carrying the sources, or none when there are no sources. */
    public static String systemMessage(List<Source> sources) {
        StringBuilder message = new StringBuilder(INSTRUCTION);
        for (Source source : sources) {
            message.append("\n\n[").append(source.number()).append("] ")
                    .append(source.reference() == null ? "" : source.reference().strip()).append('\n')
                    .append(source.text() == null ? "" : source.text().strip());
        }
        return message.toString();
    }

    /** The distinct source numbers the answer cites, in order of first citation; unknown numbers are dropped. */
    public static List<Integer> citations(String answer, List<Source> sources) {
        if (answer == null || sources.isEmpty()) {
            return List.of();
        }
        Set<Integer> known = sources.stream().map(Source::number).collect(Collectors.toSet());
        Set<Integer> cited = new LinkedHashSet<>();
        Matcher matcher = CITATION.matcher(answer);
        while (matcher.find()) {
            for (String number : matcher.group(1).split("\\s*,\\s*")) {
                int n = Integer.parseInt(number.strip());
                if (known.contains(n)) {
                    cited.add(n);
                }
            }
        }
        return new ArrayList<>(cited);
    }
}
