package com.aiplatform.shared.llm.extractive;

import com.aiplatform.shared.json.Json;
import com.aiplatform.shared.llm.ChatMessage;
import com.aiplatform.shared.llm.ChatRequest;
import com.aiplatform.shared.llm.ChatResponse;
import com.aiplatform.shared.llm.Generator;
import com.aiplatform.shared.llm.Source;
import com.aiplatform.shared.llm.ToolSpec;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ExtractiveLlmClientTest {

    private static final List<Source> POLICY = List.of(
            new Source(1, "shipping.md", "Orders ship from our warehouse in Leipzig. Shipping to Europe takes "
                    + "five business days. Express shipping costs 12 euros."),
            new Source(2, "refunds.md", "# Refunds\nCustomers can return unused items within thirty days for a full "
                    + "refund. Refunds are paid to the original payment method within five days of receipt. "
                    + "Gift cards are not refundable."),
            new Source(3, "about.md", "The company was founded in 1999 by two engineers."));

    private final ExtractiveLlmClient client = new ExtractiveLlmClient();

    private static ChatRequest ask(String question, List<Source> sources, int maxTokens) {
        return new ChatRequest(List.of(ChatMessage.system("Be brief."), ChatMessage.user(question)), sources,
                List.of(), maxTokens, 0);
    }

    @Test
    void should_answer_with_sentences_from_the_matching_source_and_cite_it() {
        ChatResponse response = client.chat(ask("How many days do I have to return an item for a refund?", POLICY, 200));

        assertThat(response.text()).startsWith("Customers can return unused items within thirty days for a full refund. [2]");
        assertThat(response.citations()).containsExactly(2);
        assertThat(response.generator()).isEqualTo(Generator.EXTRACTIVE_OFFLINE);
        assertThat(response.toolCalls()).isEmpty();
        assertThat(response.finishReason()).isEqualTo("stop");
    }

    @Test
    void should_only_use_text_that_appears_in_the_sources() {
        ChatResponse response = client.chat(ask("When are refunds paid and how long does shipping take?", POLICY, 300));

        String joined = String.join(" ", POLICY.stream().map(Source::text).toList());
        for (String part : response.text().split(" \\[\\d+\\] ?")) {
            assertThat(joined).contains(part.strip());
        }
        assertThat(response.citations()).containsExactlyInAnyOrder(1, 2);
    }

    @Test
    void should_keep_source_order_when_it_picks_several_sentences() {
        ChatResponse response = client.chat(ask("refunds shipping Europe days", POLICY, 300));

        assertThat(response.text().indexOf("[1]")).isLessThan(response.text().indexOf("[2]"));
        assertThat(response.citations()).containsExactly(1, 2);
    }

    @Test
    void should_match_inflected_forms_when_stemming() {
        ChatResponse response = client.chat(ask("Who founds companies?", POLICY, 100));

        assertThat(response.text()).isEqualTo("The company was founded in 1999 by two engineers. [3]");
        assertThat(response.citations()).containsExactly(3);
    }

    @Test
    void should_say_it_found_nothing_when_there_are_no_sources() {
        ChatResponse response = client.chat(ask("What is the refund policy?", List.of(), 100));

        assertThat(response.text()).isEqualTo(ExtractiveLlmClient.NO_SOURCES);
        assertThat(response.citations()).isEmpty();
        assertThat(response.generator()).isEqualTo(Generator.EXTRACTIVE_OFFLINE);
    }

    @Test
    void should_say_it_found_nothing_when_no_sentence_shares_a_word_with_the_question() {
        ChatResponse response = client.chat(ask("What is the capital of Mongolia?", POLICY, 100));

        assertThat(response.text()).isEqualTo(ExtractiveLlmClient.NO_MATCH);
        assertThat(response.citations()).isEmpty();
    }

    @Test
    void should_stay_within_max_output_tokens_when_the_budget_is_small() {
        ChatResponse roomy = client.chat(ask("refunds shipping days Europe", POLICY, 400));
        ChatResponse tight = client.chat(ask("refunds shipping days Europe", POLICY, 25));
        ChatResponse tiny = client.chat(ask("refunds shipping days Europe", POLICY, 6));

        assertThat(tight.usage().outputTokens()).isLessThanOrEqualTo(25).isLessThan(roomy.usage().outputTokens());
        assertThat(tiny.usage().outputTokens()).isLessThanOrEqualTo(8);
        assertThat(tiny.text()).contains("…");
        assertThat(tiny.finishReason()).isEqualTo("length");
        assertThat(tiny.citations()).hasSize(1);
    }

    @Test
    void should_give_the_same_answer_when_asked_twice() {
        ChatRequest request = ask("How long does shipping to Europe take?", POLICY, 200);

        assertThat(client.chat(request)).isEqualTo(client.chat(request));
    }

    @Test
    void should_report_token_estimates_under_its_own_name_when_answering() {
        ChatResponse response = client.chat(ask("refund", POLICY, 200));

        assertThat(client.modelName()).isEqualTo("extractive-offline");
        assertThat(response.usage().model()).isEqualTo("extractive-offline");
        assertThat(response.usage().inputTokens()).isGreaterThan(40);
        assertThat(response.usage().outputTokens()).isEqualTo((long) Math.ceil(response.text().length() / 4.0));
    }

    @Test
    void should_never_request_tools_when_tools_are_offered() {
        var tool = new ToolSpec("lookup_order", "Finds an order", Json.mapper().createObjectNode().put("type", "object"));
        var request = new ChatRequest(List.of(ChatMessage.user("Where is my refund?")), POLICY, List.of(tool), 200, 0);

        ChatResponse response = client.chat(request);

        assertThat(response.toolCalls()).isEmpty();
        assertThat(response.citations()).containsExactly(2);
    }

    @Test
    void should_not_pad_with_a_sentence_that_shares_only_words_already_answered_when_one_sentence_answers() {
        List<Source> sources = List.of(
                new Source(1, "shipping.md", "Orders ship within two business days. "
                        + "Express delivery costs twelve euros and arrives the next business day."),
                new Source(2, "travel.md", "Book trains in second class. Hotel costs are reimbursed on delivery of "
                        + "the original receipts. Taxis need a receipt."),
                new Source(3, "warranty.md", "Espresso machines carry a two year warranty on the pump and boiler."));

        ChatResponse response = client.chat(ask("How much does express delivery cost?", sources, 300));

        assertThat(response.text()).isEqualTo("Express delivery costs twelve euros and arrives the next business day. [1]");
        assertThat(response.citations()).containsExactly(1);
    }

    @Test
    void should_keep_the_sentence_under_a_heading_when_the_heading_holds_the_same_question_terms() {
        List<Source> sources = List.of(new Source(1, "returns.md", "Returns and refunds\n"
                + "Refunds are paid to the original card within five business days after the return arrives."));

        ChatResponse response = client.chat(ask("How long do refunds take?", sources, 300));

        assertThat(response.text()).contains("five business days");
    }
}
