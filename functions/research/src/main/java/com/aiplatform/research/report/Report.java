package com.aiplatform.research.report;

import java.util.List;

/** The final report: Markdown text with [n] citations, what wrote its summary, and the numbered sources. */
public record Report(String text, String generator, List<Citation> citations) {

    public Report {
        citations = List.copyOf(citations);
    }
}
