package com.aiplatform.knowledge.search;

import com.aiplatform.knowledge.KnowledgeTestKit;
import com.aiplatform.knowledge.documents.DocumentUpload;
import com.aiplatform.shared.embedding.onnx.OnnxEmbedder;
import com.aiplatform.shared.llm.Source;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static com.aiplatform.knowledge.KnowledgeTestKit.as;
import static org.assertj.core.api.Assertions.assertThat;

/** The sample handbook's lines and a travel policy, asked what a new user asked of them. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AbstainingAnswerTest {

    private KnowledgeTestKit kit;

    @BeforeAll
    void ingest(@TempDir Path index) {
        kit = new KnowledgeTestKit(index);
        add("handbook", "Handbook", String.join("\n", "Coffee shop handbook",
                "Returns: unused items can be returned within 30 days of delivery in the original box.",
                "Refunds are paid to the original card within five business days after the return arrives.",
                "Shipping: orders ship within two business days; standard delivery in Europe takes three to six days.",
                "Express delivery costs twelve euros and arrives the next business day.",
                "Warranty: espresso machines and grinders carry a two year warranty on the pump, boiler and motor."));
        add("travel", "Travel policy", "Book trains in second class. Hotel costs are reimbursed on delivery of the "
                + "original receipts. Taxis need a receipt.");
    }

    private void add(String id, String title, String text) {
        kit.documents.ingest(as("acme"), new DocumentUpload(text.getBytes(StandardCharsets.UTF_8), "text/plain",
                Optional.of(id), Optional.of(title), Optional.empty(), Map.of()));
    }

    @AfterAll
    void close() {
        kit.close();
    }

    private Answer ask(String question) {
        return kit.answers.ask(as("acme"), new AskRequest(question, 5, Map.of()));
    }

    @Test
    void should_abstain_and_suggest_the_closest_sources_when_no_passage_answers() {
        Answer answer = ask("Who is the CEO of Acme?");

        assertThat(answer.answerable()).isFalse();
        assertThat(answer.answer()).isEqualTo(AnswerService.ABSTAINED);
        assertThat(answer.citations()).isEmpty();
        assertThat(answer.suggestions()).isNotEmpty().allSatisfy(s -> assertThat(s.source()).startsWith("/api/v1/"));
        assertThat(answer.generator()).isEqualTo("extractive-offline");
    }

    @Test
    void should_cite_only_the_sentence_that_answers_when_asked_about_express_delivery() {
        Answer answer = ask("How much does express delivery cost?");

        assertThat(answer.answerable()).isTrue();
        assertThat(answer.answer()).contains("twelve euros").doesNotContain("Hotel");
        assertThat(answer.citations()).extracting(Answer.Citation::documentId).containsExactly("handbook");
        assertThat(answer.support().supported()).isPositive();
        assertThat(answer.support().checks()).filteredOn(AnswerCheck.Claim::kept)
                .allSatisfy(claim -> assertThat(claim.support()).isGreaterThanOrEqualTo(AnswerCheck.MIN_SUPPORT));
    }

    @Test
    void should_answer_a_follow_up_from_the_entities_of_the_earlier_turn_when_it_leans_on_them() {
        var history = List.of(new AskRequest.Turn("user", "How much does express delivery cost?"),
                new AskRequest.Turn("assistant", "Express delivery costs twelve euros. [1]"));

        Answer answer = kit.answers.ask(as("acme"), new AskRequest("And when does it arrive?", 5, Map.of(), history));

        assertThat(answer.standaloneQuestion()).contains("express", "delivery");
        assertThat(answer.answerable()).isTrue();
        assertThat(answer.answer()).contains("next business day");
    }

    @Test
    void should_drop_a_claim_when_the_passage_it_cites_does_not_say_it() {
        var check = new AnswerCheck(OnnxEmbedder.load(OnnxEmbedder.Variant.INT8));
        List<Source> sources = List.of(
                new Source(1, "handbook", "Express delivery costs twelve euros and arrives the next business day."),
                new Source(2, "travel", "Hotel costs are reimbursed on delivery of the original receipts."));
        String question = "How much does express delivery cost?";

        List<AnswerCheck.Claim> right = check.check(question, "Express delivery costs 12 euros. [1]", sources);
        List<AnswerCheck.Claim> wrong = check.check(question, "Express delivery costs 12 euros. [2]", sources);
        List<AnswerCheck.Claim> uncited = check.check(question, "Express delivery costs 12 euros.", sources);

        assertThat(right).singleElement().satisfies(claim -> assertThat(claim.kept()).isTrue());
        assertThat(wrong).singleElement().satisfies(claim -> assertThat(claim.kept()).isFalse());
        assertThat(uncited).singleElement().satisfies(claim -> assertThat(claim.support()).isZero());
    }
}
