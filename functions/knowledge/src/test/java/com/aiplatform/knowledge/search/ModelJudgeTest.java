package com.aiplatform.knowledge.search;

import com.aiplatform.knowledge.KnowledgeTestKit;
import com.aiplatform.knowledge.documents.DocumentUpload;
import com.aiplatform.shared.llm.ChatRequest;
import com.aiplatform.shared.llm.ChatResponse;
import com.aiplatform.shared.llm.Generator;
import com.aiplatform.shared.llm.LlmClient;
import com.aiplatform.shared.llm.LlmException;
import com.aiplatform.shared.usage.Usage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static com.aiplatform.knowledge.KnowledgeTestKit.as;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The model as judge: a model that writes the answer and then, asked by the judge, gives its verdicts. The model
 * is scripted (its replies are the test's input); the retrieval, the deterministic check and the budget path are
 * the app's own.
 */
class ModelJudgeTest {

    /** Both claims quote the handbook closely, so the deterministic check keeps both. */
    private static final String ANSWER = "Refunds are paid to the original card within five business days [1]. "
            + "Express delivery costs twelve euros and arrives the next business day [1].";

    @TempDir
    Path index;
    private KnowledgeTestKit kit;

    @AfterEach
    void close() {
        if (kit != null) {
            kit.close();
        }
    }

    private ScriptedModel kit(String judge, String... replies) {
        var model = new ScriptedModel(replies);
        kit = new KnowledgeTestKit(index, model, Map.of("KNOWLEDGE_ANSWER_JUDGE", judge));
        kit.documents.ingest(as("acme"), new DocumentUpload(("Refunds are paid to the original card within five "
                + "business days after the return arrives. Express delivery costs twelve euros and arrives the next "
                + "business day.").getBytes(StandardCharsets.UTF_8), "text/plain", Optional.of("handbook"),
                Optional.of("Handbook"), Optional.empty(), Map.of()));
        return model;
    }

    private Answer ask() {
        return kit.answers.ask(as("acme"), new AskRequest("How are refunds and express delivery handled?", 3,
                Map.of(), List.of()));
    }

    @Test
    void should_drop_a_claim_the_model_finds_unsupported_when_the_judge_is_on() {
        ScriptedModel model = kit("model", ANSWER,
                "{\"verdicts\": [{\"claim\": 1, \"supported\": true}, {\"claim\": 2, \"supported\": false}]}");

        Answer answer = ask();

        assertThat(model.requests).hasSize(2);
        assertThat(model.requests.get(1).messages().get(0).content()).isEqualTo(ModelJudge.INSTRUCTIONS);
        assertThat(answer.support().judge()).isEqualTo("model");
        assertThat(answer.support().checks()).extracting(AnswerCheck.Claim::judged).containsExactly(true, false);
        assertThat(answer.support().checks()).extracting(AnswerCheck.Claim::kept).containsExactly(true, false);
        assertThat(answer.support().dropped()).isEqualTo(1);
        assertThat(answer.answer()).contains("five business days").doesNotContain("twelve euros");
        assertThat(answer.usage().inputTokens()).isEqualTo(2 * ScriptedModel.INPUT_TOKENS);
        assertThat(answer.usage().costUsd()).isEqualByComparingTo(new BigDecimal("0.0048"));
        assertThat(kit.usageRecords.records()).extracting(r -> r.operation()).contains("ask", "ask-judge");
    }

    @Test
    void should_keep_the_deterministic_check_and_say_so_when_the_judge_reply_is_not_verdicts() {
        kit("model", ANSWER, "Both claims look fine to me.");

        Answer answer = ask();

        assertThat(answer.support().judge()).isEqualTo("unavailable");
        assertThat(answer.support().checks()).extracting(AnswerCheck.Claim::judged).containsOnlyNulls();
        assertThat(answer.support().checks()).extracting(AnswerCheck.Claim::kept).containsExactly(true, true);
    }

    @Test
    void should_keep_the_deterministic_check_when_the_judge_gives_fewer_verdicts_than_claims() {
        kit("model", ANSWER, "{\"verdicts\": [{\"claim\": 2, \"supported\": false}]}");

        assertThat(ask().support().judge()).isEqualTo("unavailable");
    }

    @Test
    void should_answer_when_the_judge_call_fails() {
        kit("model", ANSWER);

        Answer answer = ask();

        assertThat(answer.answerable()).isTrue();
        assertThat(answer.support().judge()).isEqualTo("unavailable");
    }

    @Test
    void should_not_call_the_model_again_when_the_judge_is_off() {
        ScriptedModel model = kit("off", ANSWER, "{\"verdicts\": []}");

        Answer answer = ask();

        assertThat(model.requests).hasSize(1);
        assertThat(answer.support().judge()).isNull();
        assertThat(answer.support().checks()).extracting(AnswerCheck.Claim::kept).containsExactly(true, true);
    }

    @Test
    void should_read_verdicts_inside_a_code_fence_and_ignore_claims_that_do_not_exist() {
        assertThat(ModelJudge.parse("```json\n{\"verdicts\": [{\"claim\": 1, \"supported\": false}, "
                + "{\"claim\": 7, \"supported\": true}, {\"claim\": 2, \"supported\": \"yes\"}]}\n```", 2))
                .containsExactly(Map.entry(1, false));
        assertThat(ModelJudge.parse("{not json", 2)).isEmpty();
    }

    /** Answers each chat with the next reply, as a model named {@link KnowledgeTestKit#PRICED_MODEL}. */
    static final class ScriptedModel implements LlmClient {

        static final long INPUT_TOKENS = 120;
        static final long OUTPUT_TOKENS = 40;

        final List<ChatRequest> requests = new ArrayList<>();
        private final Deque<String> replies;

        ScriptedModel(String... replies) {
            this.replies = new ArrayDeque<>(List.of(replies));
        }

        @Override
        public ChatResponse chat(ChatRequest request) {
            requests.add(request);
            String reply = replies.poll();
            if (reply == null) {
                throw new LlmException("the scripted model has no reply left", 503, false, null, null);
            }
            return new ChatResponse(reply, List.of(), List.of(), Generator.MODEL,
                    new Usage(modelName(), INPUT_TOKENS, OUTPUT_TOKENS), "stop");
        }

        @Override
        public String modelName() {
            return KnowledgeTestKit.PRICED_MODEL;
        }
    }
}
