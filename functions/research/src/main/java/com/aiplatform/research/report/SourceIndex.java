package com.aiplatform.research.report;

import com.aiplatform.research.steps.SourceRef;
import com.aiplatform.research.steps.Step;
import com.aiplatform.research.tasks.StepState;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One numbering of the sources of all completed sub-questions, in step order, each passage once (by chunk):
 * the status API's {@code sources} and the report's citations use the same numbers.
 */
public final class SourceIndex {

    private static final Pattern CITATION = Pattern.compile("\\[(\\d{1,4}(?:\\s*,\\s*\\d{1,4})*)]");

    private final Map<String, Citation> byChunk = new LinkedHashMap<>();
    private final Map<Integer, Map<Integer, Integer>> local = new HashMap<>();

    public SourceIndex(List<Step> steps) {
        for (Step step : steps) {
            if (step.state() != StepState.COMPLETED) {
                continue;
            }
            Map<Integer, Integer> numbers = new HashMap<>();
            for (SourceRef ref : step.sources()) {
                String id = ref.chunkId() == null || ref.chunkId().isBlank() ? ref.documentId() + "#" + ref.number()
                        : ref.chunkId();
                Citation citation = byChunk.computeIfAbsent(id, k -> new Citation(byChunk.size() + 1, ref.documentId(),
                        ref.title(), ref.chunkId(), ref.source(), ref.snippet()));
                numbers.put(ref.number(), citation.number());
            }
            local.put(step.index(), numbers);
        }
    }

    public List<Citation> citations() {
        return new ArrayList<>(byChunk.values());
    }

    /** The global number of a step's source {@code [n]}, if it is one of the step's sources. */
    public Integer global(int step, int number) {
        return local.getOrDefault(step, Map.of()).get(number);
    }

    /** The chunk id → global number of every source. */
    public Integer numberOfChunk(String chunkId) {
        Citation citation = byChunk.get(chunkId);
        return citation == null ? null : citation.number();
    }

    /** The step's text with its [n] citations renumbered to the global numbers; unknown numbers are dropped. */
    public String renumber(int step, String text) {
        Matcher matcher = CITATION.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            List<String> numbers = new ArrayList<>();
            for (String n : matcher.group(1).split("\\s*,\\s*")) {
                Integer global = global(step, Integer.parseInt(n.strip()));
                if (global != null) {
                    numbers.add("[" + global + "]");
                }
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(String.join("", numbers)));
        }
        matcher.appendTail(out);
        return out.toString();
    }
}
