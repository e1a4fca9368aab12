package com.aiplatform.shared.vector.lucene;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.TermQuery;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Turns free text into BM25 term clauses. The text goes through the index analyzer only, never through a
 * query parser, so quotes, brackets, {@code AND} or a lone {@code *} are just characters: nothing to escape
 * and nothing that can throw.
 */
final class KeywordQueries {

    /** Far below Lucene's 1024-clause limit, and more terms than any real question has. */
    static final int MAX_TERMS = 256;

    private final Analyzer analyzer;
    private final double minimumShouldMatch;

    KeywordQueries(Analyzer analyzer, double minimumShouldMatch) {
        this.analyzer = analyzer;
        this.minimumShouldMatch = minimumShouldMatch;
    }

    /** The scoring clauses added to {@code filters}, or empty when the text has no searchable term (e.g. "the *"). */
    Optional<BooleanQuery> build(String text, BooleanQuery.Builder filters) {
        Set<String> terms = terms(text);
        if (terms.isEmpty()) {
            return Optional.empty();
        }
        for (String term : terms) {
            filters.add(new TermQuery(new Term(ChunkDocuments.TEXT, term)), BooleanClause.Occur.SHOULD);
        }
        int required = Math.max(1, (int) Math.ceil(minimumShouldMatch * terms.size()));
        return Optional.of(filters.setMinimumNumberShouldMatch(required).build());
    }

    private Set<String> terms(String text) {
        Set<String> terms = new LinkedHashSet<>();
        try (TokenStream stream = analyzer.tokenStream(ChunkDocuments.TEXT, text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken() && terms.size() < MAX_TERMS) {
                terms.add(term.toString());
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not analyse the keyword query", e);
        }
        return terms;
    }
}
