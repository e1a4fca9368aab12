package com.aiplatform.knowledge;

import com.aiplatform.shared.embedding.Embedder;
import com.aiplatform.shared.function.AppParts;
import com.aiplatform.shared.llm.ChatMessage;
import com.aiplatform.shared.llm.ChatRequest;
import com.aiplatform.shared.llm.LlmClient;
import com.aiplatform.shared.runtime.Embedders;
import com.aiplatform.shared.runtime.RuntimeSettings;
import com.aiplatform.shared.runtime.SharedAdapters;
import com.aiplatform.shared.settings.Settings;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Knowledge calls its model without openai-java (~75 MB of its package): with {@code LLM_PROVIDER} and
 * {@code EMBEDDING_PROVIDER} {@code azure_openai}, the shared choice gives it the JDK HttpClient adapters on the
 * same settings. The loopback server answers as Azure OpenAI's v1 API does.
 */
class KnowledgeModelClientTest {

    private HttpServer server;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        answer("/openai/v1/chat/completions", """
                {"choices":[{"message":{"role":"assistant","content":"Two days [1]."},"finish_reason":"stop"}],
                 "usage":{"prompt_tokens":12,"completion_tokens":4}}""");
        answer("/openai/v1/embeddings", """
                {"data":[{"object":"embedding","index":0,"embedding":[0.0,3.0,4.0]}],"usage":{"prompt_tokens":5}}""");
        server.start();
    }

    private void answer(String path, String json) {
        server.createContext(path, exchange -> {
            exchange.getRequestBody().readAllBytes();
            byte[] body = json.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private Settings settings() {
        return Settings.of(Map.of("LLM_PROVIDER", "azure_openai", "EMBEDDING_PROVIDER", "azure_openai",
                "AZURE_OPENAI_ENDPOINT", "http://127.0.0.1:" + server.getAddress().getPort(),
                "AZURE_OPENAI_API_KEY", "knowledge-key", "AZURE_OPENAI_CHAT_DEPLOYMENT", "gpt-4o-mini",
                "AZURE_OPENAI_EMBEDDING_DEPLOYMENT", "text-embedding-3-small", "AZURE_OPENAI_EMBEDDING_DIMENSIONS", "3"));
    }

    @Test
    void should_carry_no_openai_java_when_knowledge_is_built() {
        assertThatThrownBy(() -> Class.forName("com.openai.client.OpenAIClient"))
                .isInstanceOf(ClassNotFoundException.class);
    }

    @Test
    void should_answer_through_the_jdk_model_client_when_llm_provider_is_azure_openai() {
        LlmClient llm = SharedAdapters.llm(RuntimeSettings.from(settings()), settings());

        var response = llm.chat(new ChatRequest(List.of(ChatMessage.user("How long does delivery take?")), List.of(),
                List.of(), 50, 0));

        assertThat(response.text()).isEqualTo("Two days [1].");
        assertThat(response.usage().inputTokens()).isEqualTo(12);
    }

    @Test
    void should_embed_through_the_jdk_model_client_when_embedding_provider_is_azure_openai() {
        Embedder embedder = Embedders.fromSettings(settings(), new AppParts(KnowledgeApp.NAME));

        var embeddings = embedder.embed(List.of("Express delivery"));

        assertThat(embedder.model().name()).isEqualTo("text-embedding-3-small");
        assertThat(embeddings.vectors().get(0)).containsExactly(0f, 0.6f, 0.8f);
        assertThat(embeddings.inputTokens()).isEqualTo(5);
    }
}
