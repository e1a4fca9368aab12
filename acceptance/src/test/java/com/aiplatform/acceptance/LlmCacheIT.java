package com.aiplatform.acceptance;

import com.aiplatform.acceptance.AcceptancePlatform.Suite;
import com.fasterxml.jackson.databind.JsonNode;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.HttpResponseFor;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The model endpoint's answer cache, opted into per product in the gateway definition: through the gateway, a
 * repeated chat is a hit for a product that opts in (development), with no second
 * usage record; a miss for one that has not opted in (standard), even when the client sends the gateway's cache
 * header itself; and never a hit for another tenant on the same product. Development's mode is {@code semantic}
 * (threshold 0.95): through openai-java, a paraphrase is a hit at no cost, saying so and with what similarity; an
 * unrelated question, or the paraphrase from another tenant, is a miss.
 */
@Order(4)
@ExtendWith(AcceptancePlatform.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LlmCacheIT {

    private static final String CHAT = "/api/v1/llm/v1/chat/completions";
    private static final String POLICY = "Orders placed before noon ship the same day. Refunds reach the card within "
            + "five business days.";

    private Suite suite;

    @BeforeAll
    void connect(Suite suite) {
        this.suite = suite;
    }

    private Api consumer(String consumerId, String tenantId, String product) {
        return suite.admin().withKey(key(consumerId, tenantId, product));
    }

    private String key(String consumerId, String tenantId, String product) {
        Api.Response created = suite.admin().post("/api/v1/platform/consumers", Map.of("consumerId", consumerId,
                "tenantId", tenantId, "product", product, "roles", List.of("admin")));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().get("key").asText();
    }

    private HttpResponseFor<ChatCompletion> ask(OpenAIClient client, String question) {
        return client.chat().completions().withRawResponse().create(ChatCompletionCreateParams.builder()
                .model("extractive-offline").addSystemMessage(POLICY).addUserMessage(question).build());
    }

    private static Api.Response ask(Api api, String question, Map<String, String> headers) {
        return api.send("POST", CHAT, "application/json", Api.bytes(Map.of("model", "extractive-offline",
                "messages", List.of(Map.of("role", "system", "content", POLICY),
                        Map.of("role", "user", "content", question)))), headers);
    }

    private static String cache(Api.Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.raw().headers().firstValue("x-aiplatform-cache").orElse("");
    }

    /**
     * The tenant's chat calls in its ledger, once the embeddings call (sent last) and at least {@code atLeast} chat
     * calls have arrived: the ledger's queue does not keep the order records were sent in, so a chat record may
     * land after the embeddings one. A record the cache should not have written was sent before the embeddings call.
     */
    private static long chatCallsAfterEmbedding(Api api, long atLeast) {
        Api.Response embedded = api.post("/api/v1/llm/v1/embeddings", Map.of("model", "all-minilm-l6-v2",
                "input", "a call sent last, so the ledger has the earlier ones"));
        assertThat(embedded.status()).as(embedded.toString()).isEqualTo(200);
        JsonNode[] report = new JsonNode[1];
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            report[0] = api.get("/api/v1/platform/usage?groupBy=model").json();
            assertThat(report[0].path("groups").findValuesAsText("key")).contains("all-minilm-l6-v2");
            assertThat(calls(report[0], "extractive-offline")).isGreaterThanOrEqualTo(atLeast);
        });
        return calls(report[0], "extractive-offline");
    }

    private static long calls(JsonNode report, String model) {
        for (JsonNode group : report.path("groups")) {
            if (group.path("key").asText().equals(model)) {
                return group.path("totals").path("calls").asLong();
            }
        }
        return 0;
    }

    @Test
    void should_answer_a_repeated_chat_from_the_cache_at_no_cost_when_the_product_opts_in() {
        Api cached = consumer("cache-opted-in-app", "acceptance-cache-a", "development");

        Api.Response first = ask(cached, "When do orders ship?", Map.of());
        Api.Response second = ask(cached, "When do orders ship?", Map.of());

        assertThat(cache(first)).isEqualTo("miss");
        assertThat(cache(second)).isEqualTo("hit");
        assertThat(second.json().at("/choices/0/message/content").asText())
                .isEqualTo(first.json().at("/choices/0/message/content").asText());
        assertThat(second.raw().headers().firstValue("x-aiplatform-tokens")).hasValue("0");
        assertThat(chatCallsAfterEmbedding(cached, 1)).isEqualTo(1);
    }

    @Test
    void should_call_the_model_each_time_when_the_product_has_not_opted_in_even_if_the_client_asks() {
        Api plain = consumer("cache-plain-app", "acceptance-cache-c", "standard");

        List<String> answers = List.of(cache(ask(plain, "When do refunds arrive?", Map.of())),
                cache(ask(plain, "When do refunds arrive?", Map.of("x-aiplatform-cache-policy", "exact"))),
                cache(ask(plain, "When do refunds arrive?", Map.of("x-aiplatform-cache-policy", "exact"))));

        assertThat(answers).containsOnly("miss");
        assertThat(chatCallsAfterEmbedding(plain, 3)).isEqualTo(3);
    }

    @Test
    void should_never_answer_from_another_tenants_entry_when_both_products_opt_in() {
        Api first = consumer("cache-tenant-one-app", "acceptance-cache-one", "development");
        Api second = consumer("cache-tenant-two-app", "acceptance-cache-two", "development");

        String own = cache(ask(first, "How long do refunds take?", Map.of()));
        String ownAgain = cache(ask(first, "How long do refunds take?", Map.of()));
        String other = cache(ask(second, "How long do refunds take?", Map.of()));

        assertThat(List.of(own, ownAgain, other)).containsExactly("miss", "hit", "miss");
        assertThat(chatCallsAfterEmbedding(second, 1)).isEqualTo(1);
    }

    @Test
    void should_answer_a_paraphrase_from_the_cache_at_no_cost_when_the_product_is_semantic() {
        String key = key("cache-semantic-app", "acceptance-cache-s", "development");
        OpenAIClient client = OpenAIOkHttpClient.builder().baseUrl(suite.baseUrl() + "/api/v1/llm/v1").apiKey(key)
                .build();

        HttpResponseFor<ChatCompletion> first = ask(client, "What is the refund policy?");
        HttpResponseFor<ChatCompletion> paraphrase = ask(client, "what's the refund policy");
        HttpResponseFor<ChatCompletion> unrelated = ask(client, "When do orders ship?");
        HttpResponseFor<ChatCompletion> otherTenant = ask(OpenAIOkHttpClient.builder()
                .baseUrl(suite.baseUrl() + "/api/v1/llm/v1")
                .apiKey(key("cache-semantic-other-app", "acceptance-cache-t", "development")).build(),
                "what's the refund policy");

        assertThat(first.headers().values("x-aiplatform-cache")).containsExactly("miss");
        assertThat(paraphrase.headers().values("x-aiplatform-cache")).containsExactly("hit");
        assertThat(paraphrase.headers().values("x-aiplatform-cache-match")).containsExactly("semantic");
        assertThat(Double.parseDouble(paraphrase.headers().values("x-aiplatform-cache-similarity").get(0)))
                .isBetween(0.95, 0.999);
        assertThat(paraphrase.headers().values("x-aiplatform-tokens")).containsExactly("0");
        assertThat(paraphrase.parse().choices().get(0).message().content())
                .isEqualTo(first.parse().choices().get(0).message().content());
        assertThat(unrelated.headers().values("x-aiplatform-cache")).containsExactly("miss");
        assertThat(unrelated.headers().values("x-aiplatform-cache-match")).isEmpty();
        assertThat(otherTenant.headers().values("x-aiplatform-cache")).containsExactly("miss");
        assertThat(chatCallsAfterEmbedding(suite.admin().withKey(key), 2)).isEqualTo(2);
    }
}
