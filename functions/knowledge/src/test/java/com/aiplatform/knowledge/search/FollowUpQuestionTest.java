package com.aiplatform.knowledge.search;

import com.aiplatform.shared.functions.RequestBodies;
import com.aiplatform.shared.problem.ProblemException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FollowUpQuestionTest {

    private static final List<AskRequest.Turn> DELIVERY = List.of(
            new AskRequest.Turn("user", "How much does standard delivery to Norway cost?"),
            new AskRequest.Turn("assistant", "Standard delivery costs five euros. [1]"));

    @Test
    void should_carry_the_words_of_the_earlier_question_when_the_follow_up_leans_on_it() {
        assertThat(FollowUpQuestion.standalone("And express?", DELIVERY))
                .isEqualTo("And express? much standard delivery Norway cost");
        assertThat(FollowUpQuestion.standalone("How long does it take?", DELIVERY))
                .isEqualTo("How long does it take? much standard delivery Norway cost");
    }

    @Test
    void should_keep_the_question_when_it_stands_alone() {
        assertThat(FollowUpQuestion.standalone("What warranty do espresso grinders carry?", DELIVERY))
                .isEqualTo("What warranty do espresso grinders carry?");
        assertThat(FollowUpQuestion.standalone("And express?", List.of())).isEqualTo("And express?");
    }

    @Test
    void should_read_history_strictly_and_refuse_a_bad_turn_with_400() {
        AskRequest parsed = RequestBodies.json(bytes("{\"question\":\"And express?\",\"history\":"
                + "[{\"role\":\"user\",\"content\":\"How much does delivery cost?\"}]}"), AskRequest.class, 10_000);
        assertThat(parsed.history()).containsExactly(new AskRequest.Turn("user", "How much does delivery cost?"));

        for (String body : List.of("{\"question\":\"q\",\"history\":[{\"role\":\"system\",\"content\":\"x\"}]}",
                "{\"question\":\"q\",\"history\":[{\"role\":\"user\",\"content\":\" \"}]}",
                "{\"question\":\"q\",\"history\":[{\"role\":\"user\",\"content\":\"x\",\"extra\":1}]}",
                "{\"question\":\"q\",\"history\":[null]}",
                "{\"question\":\"q\",\"history\":\"earlier\"}")) {
            assertThatThrownBy(() -> RequestBodies.json(bytes(body), AskRequest.class, 10_000)).as(body)
                    .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.status()).isEqualTo(400));
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
