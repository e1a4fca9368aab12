package com.aiplatform.knowledge.search;

import com.aiplatform.knowledge.KnowledgeTestKit;
import com.aiplatform.knowledge.documents.DocumentUpload;
import com.aiplatform.shared.budget.BudgetedChat;
import com.aiplatform.shared.budget.unlimited.UnlimitedBudget;
import com.aiplatform.shared.llm.LlmClient;
import com.aiplatform.shared.llm.Source;
import com.aiplatform.shared.runtime.RuntimeSettings;
import com.aiplatform.shared.runtime.SharedAdapters;
import com.aiplatform.shared.settings.Settings;
import com.aiplatform.shared.text.TokenCounter;
import com.aiplatform.shared.usage.PriceTable;
import com.aiplatform.shared.usage.UsageMeter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static com.aiplatform.knowledge.KnowledgeTestKit.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The model as judge against a real Azure OpenAI chat deployment, through the client the knowledge package carries
 * (the JDK's HttpClient). Runs only when {@code AZURE_OPENAI_ENDPOINT} is set (with {@code
 * AZURE_OPENAI_CHAT_DEPLOYMENT}, and a key or an Entra ID sign-in); skipped otherwise.
 */
class ModelJudgeLiveTest {

    private static final String HANDBOOK = "Refunds are paid to the original card within five business days after "
            + "the return arrives. Express delivery costs twelve euros and arrives the next business day.";

    @TempDir
    Path index;
    private KnowledgeTestKit kit;

    @AfterEach
    void close() {
        if (kit != null) {
            kit.close();
        }
    }

    private static LlmClient model() {
        assumeTrue(System.getenv("AZURE_OPENAI_ENDPOINT") != null, "AZURE_OPENAI_ENDPOINT is not set");
        Map<String, String> values = new HashMap<>(System.getenv());
        values.putIfAbsent("LLM_PROVIDER", "azure_openai");
        Settings settings = Settings.of(values);
        return SharedAdapters.llm(RuntimeSettings.from(settings), settings);
    }

    @Test
    void should_find_a_claim_its_source_contradicts_unsupported_and_one_it_states_supported() {
        var judge = new ModelJudge(new BudgetedChat(model(), new UsageMeter(PriceTable.parse(""), record -> { },
                Clock.systemUTC()), new UnlimitedBudget(), TokenCounter.approximate()));
        List<AnswerCheck.Claim> claims = List.of(
                new AnswerCheck.Claim("Refunds are paid to the original card within five business days.",
                        List.of(1), 0.9, 0.9, null, true),
                new AnswerCheck.Claim("Express delivery is free and takes two weeks.", List.of(1), 0.6, 0.8, null,
                        true));

        Optional<ModelJudge.Verdicts> verdicts = judge.judge(as("acme"), "How are refunds and express delivery "
                + "handled?", claims, List.of(new Source(1, "handbook", HANDBOOK)));

        assertThat(verdicts).hasValueSatisfying(v -> assertThat(v.supported()).containsExactlyInAnyOrderEntriesOf(
                Map.of(1, true, 2, false)));
        assertThat(verdicts.get().usage().inputTokens()).isPositive();
    }

    @Test
    void should_judge_every_claim_of_an_answer_the_model_wrote() {
        kit = new KnowledgeTestKit(index, model(), Map.of("KNOWLEDGE_ANSWER_JUDGE", "model"));
        kit.documents.ingest(as("acme"), new DocumentUpload(HANDBOOK.getBytes(StandardCharsets.UTF_8), "text/plain",
                Optional.of("handbook"), Optional.of("Handbook"), Optional.empty(), Map.of()));

        Answer answer = kit.answers.ask(as("acme"), new AskRequest("How long do refunds take?", 3, Map.of(),
                List.of()));

        assertThat(answer.support().judge()).isEqualTo("model");
        assertThat(answer.support().checks()).isNotEmpty().allSatisfy(claim -> assertThat(claim.judged()).isNotNull());
        assertThat(answer.answer()).contains("five");
    }
}
