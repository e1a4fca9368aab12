package com.aiplatform.assistant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The assistant chats, sees images and embeds without openai-java (~75 MB of its package): the JDK HttpClient
 * adapters of shared-runtime answer {@code azure_openai} (the vision path is driven in {@code AssistantFlowTest}).
 */
class AssistantModelClientTest {

    @Test
    void should_carry_no_openai_java_when_the_assistant_is_built() {
        assertThatThrownBy(() -> Class.forName("com.openai.client.OpenAIClient"))
                .isInstanceOf(ClassNotFoundException.class);
        assertThatThrownBy(() -> Class.forName("com.aiplatform.shared.llm.openai.OpenAiLlmClient"))
                .isInstanceOf(ClassNotFoundException.class);
    }
}
