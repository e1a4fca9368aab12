package com.aiplatform.llm.safety.azure;

import com.aiplatform.llm.safety.PromptText;
import com.aiplatform.llm.safety.SafetyRefusal;
import com.aiplatform.shared.llm.ChatMessage;
import com.aiplatform.shared.problem.ProblemException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The adapter against a local server speaking {@code text:analyze}'s wire format. */
class AzureAiContentSafetyTest {

    private final FakeContentSafety service = new FakeContentSafety("test-key", null)
            .grade("punch him", "Violence", 4)
            .grade("a little rude", "Hate", 2)
            .grade("awful slur", "Hate", 6)
            .blocklist("competitors", "Acme Corp");

    @AfterEach
    void stop() {
        service.close();
    }

    private AzureAiContentSafety adapter(AzureAiContentSafety.Authentication auth, List<String> blocklists) {
        return new AzureAiContentSafety(HttpClient.newHttpClient(), service.endpoint(), auth, 4, blocklists,
                Duration.ofSeconds(5));
    }

    private AzureAiContentSafety withKey() {
        return adapter(new AzureAiContentSafety.Authentication.Key("test-key"), List.of("competitors"));
    }

    private static List<PromptText> user(String text) {
        return List.of(new PromptText(ChatMessage.Role.SYSTEM, "You answer questions about orders."),
                new PromptText(ChatMessage.Role.USER, text));
    }

    @Test
    void should_refuse_naming_the_category_and_severity_when_a_category_reaches_the_threshold() {
        Optional<SafetyRefusal> refusal = withKey().screen(user("How hard should I punch him?"));

        assertThat(refusal).get().satisfies(r -> {
            assertThat(r.category()).isEqualTo("violence");
            assertThat(r.severity()).isEqualTo("medium");
            assertThat(r.detail()).contains("Violence severity 4");
        });
    }

    @Test
    void should_name_the_worst_category_in_snake_case_when_several_reach_the_threshold() {
        var service2 = new FakeContentSafety("k", null).grade("dark thoughts", "SelfHarm", 6).grade("punch", "Violence", 4);
        try (service2) {
            var adapter = new AzureAiContentSafety(HttpClient.newHttpClient(), service2.endpoint(),
                    new AzureAiContentSafety.Authentication.Key("k"), 4, List.of(), Duration.ofSeconds(5));

            assertThat(adapter.screen(user("dark thoughts and a punch"))).get()
                    .extracting(SafetyRefusal::category, SafetyRefusal::severity).containsExactly("self_harm", "high");
        }
    }

    @Test
    void should_pass_when_every_severity_is_below_the_threshold() {
        assertThat(withKey().screen(user("That answer was a little rude, but when do orders ship?"))).isEmpty();
        assertThat(withKey().screen(user("When do orders ship?"))).isEmpty();
    }

    @Test
    void should_send_the_real_request_shape_when_it_asks_the_service() {
        withKey().screen(user("When do orders ship?"));

        assertThat(service.queries).containsExactly("api-version=" + AzureAiContentSafety.API_VERSION);
        var body = service.requests.get(0);
        assertThat(body.path("text").asText()).isEqualTo("You answer questions about orders.\n\nWhen do orders ship?");
        assertThat(body.path("categories")).extracting(n -> n.asText())
                .containsExactly("Hate", "SelfHarm", "Sexual", "Violence");
        assertThat(body.path("blocklistNames").get(0).asText()).isEqualTo("competitors");
        assertThat(body.path("haltOnBlocklistHit").asBoolean()).isTrue();
        assertThat(body.path("outputType").asText()).isEqualTo("FourSeverityLevels");
    }

    @Test
    void should_refuse_as_custom_blocklists_when_a_named_blocklist_matches() {
        assertThat(withKey().screen(user("Is Acme Corp cheaper?"))).get()
                .extracting(SafetyRefusal::category).isEqualTo("custom_blocklists");
    }

    @Test
    void should_pass_a_blocklist_item_when_the_blocklist_is_not_named() {
        var adapter = adapter(new AzureAiContentSafety.Authentication.Key("test-key"), List.of());

        assertThat(adapter.screen(user("Is Acme Corp cheaper?"))).isEmpty();
        assertThat(service.requests.get(0).has("blocklistNames")).isFalse();
    }

    @Test
    void should_check_every_piece_when_the_prompt_is_longer_than_the_service_takes() {
        String filler = "orders ship daily. ".repeat(800);
        var refusal = withKey().screen(user(filler + "awful slur"));

        assertThat(service.requests).hasSizeGreaterThan(1)
                .allSatisfy(r -> assertThat(r.path("text").asText().length()).isLessThanOrEqualTo(10_000));
        assertThat(refusal).get().extracting(SafetyRefusal::category, SafetyRefusal::severity)
                .containsExactly("hate", "high");
    }

    @Test
    void should_send_the_token_as_a_bearer_when_authenticating_with_entra_id() {
        var entra = new FakeContentSafety(null, "token-1").grade("punch him", "Violence", 4);
        try (entra) {
            var adapter = new AzureAiContentSafety(HttpClient.newHttpClient(), entra.endpoint(),
                    new AzureAiContentSafety.Authentication.EntraId(() -> "token-1"), 4, List.of(), Duration.ofSeconds(5));

            assertThat(adapter.screen(user("punch him"))).isPresent();
            assertThat(adapter.screen(user("hello"))).isEmpty();
        }
    }

    @Test
    void should_fail_closed_with_503_when_the_service_refuses_the_key() {
        var adapter = adapter(new AzureAiContentSafety.Authentication.Key("wrong"), List.of());

        assertThatThrownBy(() -> adapter.screen(user("When do orders ship?")))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.status()).isEqualTo(503);
                    assertThat(e.problem().detail()).contains("401");
                });
    }

    @Test
    void should_fail_closed_with_503_when_the_service_cannot_be_reached() {
        String endpoint = service.endpoint();
        service.close();
        var adapter = new AzureAiContentSafety(HttpClient.newHttpClient(), endpoint,
                new AzureAiContentSafety.Authentication.Key("test-key"), 4, List.of(), Duration.ofSeconds(2));

        assertThatThrownBy(() -> adapter.screen(user("When do orders ship?")))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.status()).isEqualTo(503));
    }
}
