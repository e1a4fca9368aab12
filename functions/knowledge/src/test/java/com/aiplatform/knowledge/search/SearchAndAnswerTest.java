package com.aiplatform.knowledge.search;

import com.aiplatform.knowledge.KnowledgeTestKit;
import com.aiplatform.knowledge.documents.DocumentUpload;
import com.aiplatform.shared.problem.ProblemException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import static com.aiplatform.knowledge.KnowledgeTestKit.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SearchAndAnswerTest {

    private KnowledgeTestKit kit;

    @BeforeAll
    void ingest(@TempDir Path index) {
        kit = new KnowledgeTestKit(index);
        add("returns", "Returns policy", "Items can be returned within 30 days of delivery. Refunds are paid to the "
                + "original card within five business days.", Map.of("team", "support", "lang", "en"));
        add("shipping", "Shipping", "Parcels to Norway take seven days. Express delivery costs twelve euros.",
                Map.of("team", "logistics", "lang", "en"));
        add("warranty", "Garantie", "Die Garantie gilt zwei Jahre ab Kaufdatum. Akkus sind ausgenommen.",
                Map.of("team", "support", "lang", "de"));
    }

    private void add(String id, String title, String text, Map<String, String> metadata) {
        kit.documents.ingest(as("acme"), new DocumentUpload(text.getBytes(StandardCharsets.UTF_8), "text/plain",
                Optional.of(id), Optional.of(title), Optional.empty(), metadata));
    }

    @AfterAll
    void close() {
        kit.close();
    }

    private SearchResult search(String query, SearchMode mode, Map<String, String> filter) {
        return kit.search.search(as("acme"), new SearchRequest(query, 3, mode, filter));
    }

    @Test
    void should_find_the_relevant_chunk_first_in_every_mode() {
        for (SearchMode mode : SearchMode.values()) {
            SearchResult result = search("how much does express delivery cost", mode, Map.of());
            assertThat(result.results()).as(mode.name()).isNotEmpty();
            assertThat(result.results().get(0).documentId()).as(mode.name()).isEqualTo("shipping");
        }
    }

    @Test
    void should_match_meaning_without_shared_words_when_dense() {
        SearchResult result = search("money back to my credit card", SearchMode.DENSE, Map.of());
        assertThat(result.results().get(0).documentId()).isEqualTo("returns");
        assertThat(result.results().get(0).denseScore()).isNotNull();
        assertThat(result.results().get(0).keywordScore()).isNull();
    }

    @Test
    void should_keep_only_matching_documents_when_filtered() {
        SearchResult result = search("delivery", SearchMode.HYBRID, Map.of("team", "support"));
        assertThat(result.results()).extracting(SearchHit::documentId).doesNotContain("shipping").isNotEmpty();
        assertThat(search("Garantie", SearchMode.HYBRID, Map.of("lang", "de")).results())
                .extracting(SearchHit::documentId).containsExactly("warranty");
    }

    @Test
    void should_answer_with_citations_to_returned_sources_and_say_it_is_offline() {
        Answer answer = kit.answers.ask(as("acme"), new AskRequest("How long do refunds take to reach the card?", 3, Map.of()));
        assertThat(answer.generator()).isEqualTo("extractive-offline");
        assertThat(answer.answer()).contains("five business days").contains("[1]");
        assertThat(answer.citations()).first().satisfies(citation -> {
            assertThat(citation.number()).isEqualTo(1);
            assertThat(citation.documentId()).isEqualTo("returns");
            assertThat(citation.source()).isEqualTo("/api/v1/knowledge/documents/returns");
        });
        assertThat(kit.usageRecords.records()).anySatisfy(r -> assertThat(r.operation()).isEqualTo("ask"));
    }

    @Test
    void should_refuse_invalid_requests_with_400() {
        assertThatThrownBy(() -> new SearchRequest(" ", 5, null, null))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.status()).isEqualTo(400));
        assertThatThrownBy(() -> new SearchRequest("q", 0, null, null))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.status()).isEqualTo(400));
        assertThatThrownBy(() -> new SearchRequest("q", 5, null, Map.of("generation", "x")))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.status()).isEqualTo(400));
        assertThatThrownBy(() -> new AskRequest("x".repeat(2001), null, null))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.status()).isEqualTo(400));
    }
}
