package com.aiplatform.knowledge.documents;

import com.aiplatform.knowledge.KnowledgeTestKit;
import com.aiplatform.knowledge.search.Answer;
import com.aiplatform.knowledge.search.AskRequest;
import com.aiplatform.knowledge.search.SearchHit;
import com.aiplatform.knowledge.search.SearchMode;
import com.aiplatform.knowledge.search.SearchRequest;
import com.aiplatform.shared.identity.Caller;
import com.aiplatform.shared.identity.Readers;
import com.aiplatform.shared.identity.TenantId;
import com.aiplatform.shared.problem.ProblemException;
import com.aiplatform.shared.usage.CallContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Readers inside one tenant: two consumers in different groups, with the real embedder and Lucene on disk. */
class DocumentReadersTest {

    private static final Caller ALICE = new Caller("alice", TenantId.of("acme"), Set.of(), Set.of("hr"));
    private static final Caller BOB = new Caller("bob", TenantId.of("acme"), Set.of(), Set.of("sales"));
    private static final Caller ADMIN = new Caller("ops", TenantId.of("acme"), Set.of(Caller.ADMIN));

    @TempDir
    Path index;
    private KnowledgeTestKit kit;

    @AfterEach
    void close() {
        if (kit != null) {
            kit.close();
        }
    }

    private void seed() {
        kit = new KnowledgeTestKit(index);
        kit.documents.ingest(call(ALICE), text("salaries", "The salary bands of the hr team rise by four percent in spring.",
                Optional.of(Readers.of(List.of("hr"), List.of()))));
        kit.documents.ingest(call(BOB), text("pipeline", "The sales pipeline salary bonus is paid every quarter.",
                Optional.empty()));
        kit.documents.ingest(call(ALICE), text("holidays", "Every salary is paid on the last working day of the month.",
                Optional.of(Readers.wholeTenant())));
    }

    @Test
    void should_search_only_documents_whose_readers_include_the_caller_or_are_tenant_wide() {
        seed();

        assertThat(documentsFound(ALICE)).containsExactlyInAnyOrder("salaries", "holidays");
        assertThat(documentsFound(BOB)).containsExactlyInAnyOrder("pipeline", "holidays");
        assertThat(documentsFound(new Caller("carol", TenantId.of("acme"), Set.of(), Set.of("hr"))))
                .containsExactlyInAnyOrder("salaries", "holidays");
        assertThat(documentsFound(ADMIN)).containsExactly("holidays");
    }

    @Test
    void should_default_to_the_ingesting_consumer_only_and_list_and_get_only_readable_documents() {
        seed();

        assertThat(kit.documents.get(BOB, "pipeline").readers()).isEqualTo(Readers.onlyUser("bob"));
        assertThat(kit.documents.list(ALICE)).extracting(DocumentRecord::documentId)
                .containsExactlyInAnyOrder("salaries", "holidays");
        assertThat(kit.documents.list(BOB)).extracting(DocumentRecord::documentId)
                .containsExactlyInAnyOrder("pipeline", "holidays");
        assertThatThrownBy(() -> kit.documents.get(BOB, "salaries"))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.status()).isEqualTo(404));
        assertThatThrownBy(() -> kit.documents.delete(call(ALICE), "pipeline"))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.status()).isEqualTo(404));
        assertThat(kit.documents.get(ALICE, "salaries").readers()).isEqualTo(Readers.of(List.of("hr"), List.of()));
    }

    @Test
    void should_answer_from_readable_documents_only() {
        seed();

        Answer answer = kit.answers.ask(call(BOB), new AskRequest("How much do the salary bands rise?", 5, null, null));

        assertThat(answer.citations()).extracting(Answer.Citation::documentId).doesNotContain("salaries");
        assertThat(answer.suggestions()).extracting(Answer.Suggestion::documentId).doesNotContain("salaries");
        assertThat(answer.answer()).doesNotContain("four percent");
    }

    @Test
    void should_refuse_with_409_to_replace_a_document_the_caller_may_not_read_and_reindex_when_readers_change() {
        seed();

        assertThatThrownBy(() -> kit.documents.ingest(call(BOB), text("salaries", "Overwritten by bob.", Optional.empty())))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.status()).isEqualTo(409));
        assertThat(kit.documents.get(ALICE, "salaries").version()).isEqualTo(1);

        IngestResult widened = kit.documents.ingest(call(ALICE), text("salaries",
                "The salary bands of the hr team rise by four percent in spring.",
                Optional.of(Readers.of(List.of("hr", "sales"), List.of()))));
        assertThat(widened.outcome()).isEqualTo(IngestResult.Outcome.UPDATED);
        assertThat(documentsFound(BOB)).contains("salaries");
    }

    private List<String> documentsFound(Caller caller) {
        return kit.search.search(call(caller), new SearchRequest("salary", 10, SearchMode.HYBRID, Map.of()))
                .results().stream().map(SearchHit::documentId).distinct().toList();
    }

    private static CallContext call(Caller caller) {
        return new CallContext(caller, "knowledge", "test", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
    }

    private static DocumentUpload text(String id, String text, Optional<Readers> readers) {
        return new DocumentUpload(text.getBytes(StandardCharsets.UTF_8), "text/plain", Optional.of(id),
                Optional.of(id), Optional.empty(), Map.of(), readers);
    }
}
