package com.aiplatform.research.planning;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class OfflinePlannerTest {

    private final OfflinePlanner planner = new OfflinePlanner();

    @Test
    void should_split_a_compound_question_into_its_clauses_after_the_question_itself() {
        List<String> plan = planner.decompose("How long do refunds take, and what does the warranty cover for batteries?", 3);

        assertThat(plan).containsExactly(
                "How long do refunds take, and what does the warranty cover for batteries?",
                "How long do refunds take?",
                "What does the warranty cover for batteries?");
    }

    @Test
    void should_add_facet_and_term_questions_about_the_key_phrase_when_clauses_run_out() {
        List<String> plan = planner.decompose("Battery warranty exceptions", 6);

        assertThat(plan).hasSize(6).startsWith("Battery warranty exceptions?")
                .contains("What figures, limits or time frames apply to battery warranty exceptions?",
                        "What do the sources say about battery?");
    }

    @Test
    void should_give_the_same_plan_every_time_and_respect_the_maximum() {
        String question = "Compare express delivery versus standard shipping to Norway; what are the costs?";
        assertThat(planner.decompose(question, 5)).isEqualTo(planner.decompose(question, 5)).hasSize(5);
        assertThat(planner.decompose(question, 1)).containsExactly(
                "Compare express delivery versus standard shipping to Norway; what are the costs?");
        assertThat(planner.plan(question, 2, request -> {
            throw new AssertionError("the offline planner calls no model");
        }).orElseThrow().planner()).isEqualTo("offline-decomposition");
    }

    @Test
    void should_not_repeat_sub_questions_with_the_same_content_words() {
        List<String> plan = planner.decompose("Refunds? Refunds!", 4);

        assertThat(plan).filteredOn(q -> q.toLowerCase().startsWith("refunds")).hasSize(1);
    }

    @Test
    void should_read_one_sub_question_per_line_from_a_model_answer() {
        assertThat(ModelPlanner.parse("1. What is the refund window?\n- How are batteries covered?\n\nok\n"
                + "1. What is the refund window?", 5))
                .containsExactly("What is the refund window?", "How are batteries covered?");
    }
}
