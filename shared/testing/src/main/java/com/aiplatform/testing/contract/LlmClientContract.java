package com.aiplatform.testing.contract;

import com.aiplatform.shared.llm.ChatMessage;
import com.aiplatform.shared.llm.ChatRequest;
import com.aiplatform.shared.llm.ChatResponse;
import com.aiplatform.shared.llm.LlmClient;
import com.aiplatform.shared.llm.Source;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every {@link LlmClient} adapter must do with grounded questions. An adapter's test extends this and
 * says how to open a client; a live model, a local fake of the vendor's API and the offline fallback must all
 * pass, so the questions are ones that any of them can answer from the sources alone.
 */
public abstract class LlmClientContract {

    protected static final List<Source> HANDBOOK = List.of(
            new Source(1, "handbook/refunds.md", "Customers can return unused items within thirty days for a full "
                    + "refund. Refunds are paid to the original payment method."),
            new Source(2, "handbook/shipping.md", "Standard shipping to Europe takes five business days. Express "
                    + "shipping takes two business days."));

    private LlmClient client;

    /** A client ready to answer. */
    protected abstract LlmClient openClient();

    @BeforeEach
    void open() {
        client = openClient();
    }

    protected LlmClient client() {
        return client;
    }

    protected static ChatRequest grounded(String question, List<Source> sources) {
        return new ChatRequest(List.of(ChatMessage.system("You answer customer questions briefly."),
                ChatMessage.user(question)), sources, List.of(), 200, 0);
    }

    @Test
    void should_answer_and_cite_an_existing_source_when_the_question_is_grounded() {
        ChatResponse response = client.chat(grounded("Within how many days can customers return unused items for a "
                + "refund?", HANDBOOK));

        assertThat(response.text()).isNotBlank();
        assertThat(response.citations()).isNotEmpty().isSubsetOf(1, 2);
        assertThat(response.citations()).allSatisfy(n -> assertThat(response.text()).contains("[" + n + "]"));
        assertThat(response.toolCalls()).isEmpty();
        assertThat(response.generator()).isNotNull();
    }

    @Test
    void should_report_usage_under_its_model_name_when_answering() {
        ChatResponse response = client.chat(grounded("How long does standard shipping to Europe take?", HANDBOOK));

        assertThat(response.usage()).isNotNull();
        assertThat(response.usage().model()).isEqualTo(client.modelName());
        assertThat(response.usage().inputTokens()).isPositive();
        assertThat(response.usage().outputTokens()).isPositive();
    }

    @Test
    void should_never_cite_a_number_that_is_not_a_source_when_sources_are_numbered_sparsely() {
        List<Source> sparse = List.of(new Source(3, HANDBOOK.get(0).reference(), HANDBOOK.get(0).text()),
                new Source(7, HANDBOOK.get(1).reference(), HANDBOOK.get(1).text()));

        ChatResponse response = client.chat(grounded("How long does express shipping take?", sparse));

        assertThat(response.citations()).isSubsetOf(sparse.stream().map(Source::number).collect(Collectors.toList()));
    }

    @Test
    void should_cite_nothing_when_there_are_no_sources() {
        ChatResponse response = client.chat(grounded("How long does express shipping take?", List.of()));

        assertThat(response.citations()).isEmpty();
    }
}
