package com.aiplatform.research;

import com.aiplatform.shared.llm.ChatMessage;
import com.aiplatform.shared.llm.ChatRequest;
import com.aiplatform.shared.llm.LlmClient;
import com.aiplatform.shared.function.AppParts;
import com.aiplatform.shared.runtime.Embedders;
import com.aiplatform.shared.runtime.RuntimeSettings;
import com.aiplatform.shared.runtime.SharedAdapters;
import com.aiplatform.shared.settings.MissingSettingsException;
import com.aiplatform.shared.settings.Settings;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Research calls its model without openai-java (~75 MB, which would put its package over 30 MB): with
 * {@code LLM_PROVIDER=azure_openai} the shared choice gives it the JDK HttpClient adapter on the same settings.
 */
class ResearchModelClientTest {

    @Test
    void should_carry_no_openai_java_when_research_is_built() {
        assertThatThrownBy(() -> Class.forName("com.openai.client.OpenAIClient"))
                .isInstanceOf(ClassNotFoundException.class);
    }

    @Test
    void should_fail_at_start_naming_the_setting_when_an_embedder_is_chosen_that_the_package_lacks() {
        assertThatThrownBy(() -> Class.forName("com.aiplatform.shared.embedding.onnx.OnnxEmbedder"))
                .isInstanceOf(ClassNotFoundException.class);

        Settings settings = Settings.of(Map.of("EMBEDDING_PROVIDER", "onnx"));
        assertThatThrownBy(() -> Embedders.fromSettings(settings, new AppParts(ResearchApp.NAME)))
                .isInstanceOf(MissingSettingsException.class)
                .hasMessageContaining("EMBEDDING_PROVIDER=onnx")
                .hasMessageContaining("shared-onnx");
    }

    @Test
    void should_answer_through_the_jdk_model_client_when_llm_provider_is_azure_openai() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/openai/v1/chat/completions", exchange -> {
            exchange.getRequestBody().readAllBytes();
            byte[] body = """
                    {"choices":[{"message":{"role":"assistant","content":"Plan: three steps."},"finish_reason":"stop"}],
                     "usage":{"prompt_tokens":12,"completion_tokens":4}}""".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try {
            Settings settings = Settings.of(Map.of("LLM_PROVIDER", "azure_openai",
                    "AZURE_OPENAI_ENDPOINT", "http://127.0.0.1:" + server.getAddress().getPort(),
                    "AZURE_OPENAI_API_KEY", "research-key", "AZURE_OPENAI_CHAT_DEPLOYMENT", "gpt-4o-mini"));

            LlmClient llm = SharedAdapters.llm(RuntimeSettings.from(settings), settings);

            var response = llm.chat(new ChatRequest(List.of(ChatMessage.user("Plan the research")), List.of(),
                    List.of(), 50, 0));
            assertThat(response.text()).isEqualTo("Plan: three steps.");
            assertThat(response.usage().inputTokens()).isEqualTo(12);
            assertThat(llm.modelName()).isEqualTo("gpt-4o-mini");
        } finally {
            server.stop(0);
        }
    }
}
