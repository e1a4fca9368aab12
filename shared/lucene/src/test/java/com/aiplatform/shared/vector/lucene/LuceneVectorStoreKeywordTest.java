package com.aiplatform.shared.vector.lucene;

import com.aiplatform.shared.identity.TenantId;
import com.aiplatform.shared.vector.VectorMatch;
import com.aiplatform.shared.vector.VectorQuery;
import com.aiplatform.shared.vector.VectorRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Keyword text is user input: query syntax must be inert and nothing may throw. One index for the class. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LuceneVectorStoreKeywordTest {

    private static final TenantId ACME = TenantId.of("acme");

    @TempDir
    static Path directory;

    private LuceneVectorStore store;

    @BeforeAll
    void open() {
        store = LuceneVectorStore.open(directory, LuceneVectorStoreOptions.defaults(2));
        store.upsert(List.of(
                new VectorRecord(ACME, "a1", "doc-a", "The refund policy allows returns within thirty days",
                        new float[] {1, 0}, Map.of(), java.util.Set.of("tenant")),
                new VectorRecord(ACME, "a2", "doc-a", "Shipping takes five business days to Europe",
                        new float[] {0, 1}, Map.of(), java.util.Set.of("tenant"))));
    }

    @AfterAll
    void close() {
        store.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"", "\"unbalanced quote", "(", ")", "[refund", "refund]", "{", "}", "AND", "OR NOT",
            "*", "?", "~", "^2", "\\", "/", ":", "text:refund", "-refund", "+refund", "!", "&&", "||", "the",
            "   *   ", "refund~2", "ref*", "\u0000", "\uD83D\uDE42", "meta.lang:en", "refund AND (policy"})
    void should_not_throw_when_keyword_text_has_odd_characters(String text) {
        List<VectorMatch> matches = store.search(VectorQuery.keyword(ACME, java.util.Set.of("tenant"), text, 5, Map.of()));
        assertThat(matches).hasSizeLessThanOrEqualTo(2);
    }

    @Test
    void should_treat_query_syntax_as_plain_words_when_searching_keywords() {
        assertThat(store.search(VectorQuery.keyword(ACME, java.util.Set.of("tenant"), "refund AND (policy", 5, Map.of())))
                .extracting(VectorMatch::id).containsExactly("a1");
        assertThat(store.search(VectorQuery.keyword(ACME, java.util.Set.of("tenant"), "\"refund\" [policy]", 5, Map.of())))
                .extracting(VectorMatch::id).containsExactly("a1");
        assertThat(store.search(VectorQuery.keyword(ACME, java.util.Set.of("tenant"), "*", 5, Map.of()))).isEmpty();
    }

    @Test
    void should_not_throw_when_keyword_text_has_thousands_of_distinct_words() {
        StringBuilder text = new StringBuilder("refund policy");
        for (int i = 0; i < 5_000; i++) {
            text.append(" word").append(i);
        }
        assertThat(store.search(VectorQuery.keyword(ACME, java.util.Set.of("tenant"), text.toString(), 5, Map.of())))
                .extracting(VectorMatch::id).containsExactly("a1");
    }

    @Test
    void should_match_stemmed_forms_when_searching_keywords() {
        assertThat(store.search(VectorQuery.keyword(ACME, java.util.Set.of("tenant"), "returned refunds", 5, Map.of())))
                .extracting(VectorMatch::id).containsExactly("a1");
    }

    @Test
    void should_drop_records_sharing_few_terms_when_minimum_should_match_is_set(@TempDir Path other) {
        try (LuceneVectorStore strict = LuceneVectorStore.open(other,
                LuceneVectorStoreOptions.defaults(2).withKeywordMinimumShouldMatch(0.5))) {
            strict.upsert(List.of(
                    new VectorRecord(ACME, "a1", "doc-a", "The refund policy allows returns within thirty days",
                            new float[] {1, 0}, Map.of(), java.util.Set.of("tenant")),
                    new VectorRecord(ACME, "a2", "doc-a", "Shipping takes five business days to Europe",
                            new float[] {0, 1}, Map.of(), java.util.Set.of("tenant"))));
            assertThat(strict.search(VectorQuery.keyword(ACME, java.util.Set.of("tenant"), "returns thirty days refund", 5, Map.of())))
                    .extracting(VectorMatch::id).containsExactly("a1");
        }
    }
}
