package com.aiplatform.llm.chat;

import com.aiplatform.shared.llm.ChatMessage;
import com.aiplatform.shared.llm.ChatRequest;
import com.aiplatform.shared.llm.extractive.ExtractiveLlmClient;
import com.aiplatform.shared.text.TokenCounter;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ConversationSourcesLlmClientTest {

    private final TokenCounter tokens = TokenCounter.approximate();
    private final ConversationSourcesLlmClient client = new ConversationSourcesLlmClient(new ExtractiveLlmClient(tokens),
            tokens);

    @Test
    void should_count_each_message_once_when_the_conversation_becomes_the_sources() {
        String policy = "Orders placed before noon ship the same day. Refunds take five business days.";
        String question = "When do orders ship?";

        var response = client.chat(new ChatRequest(List.of(ChatMessage.system(policy), ChatMessage.user(question)),
                List.of(), List.of(), 64, 0));

        assertThat(response.text()).contains("Orders placed before noon ship the same day.");
        assertThat(response.usage().inputTokens()).isEqualTo(tokens.count(policy) + tokens.count(question));
    }
}
