package com.aiplatform.local.contract;

import com.aiplatform.local.LocalPlatform;
import com.aiplatform.local.RunningPlatform;
import com.aiplatform.shared.identity.Caller;
import com.aiplatform.shared.identity.Readers;
import com.aiplatform.shared.identity.TenantId;
import com.aiplatform.shared.knowledge.KnowledgeBase;
import com.aiplatform.shared.knowledge.KnowledgeHit;
import com.aiplatform.shared.knowledge.KnowledgeUnavailableException;
import com.aiplatform.shared.knowledge.http.HttpKnowledgeBase;
import com.aiplatform.shared.knowledge.http.KnowledgeApiSettings;
import com.aiplatform.shared.problem.ProblemException;
import com.aiplatform.shared.settings.Settings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The knowledge API client other apps use, against the real knowledge app in the local platform: the
 * platform gives apps its own address and an app-to-app key, and the caller's tenant travels with the call.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HttpKnowledgeBaseContractTest {

    private static final Caller ALICE = new Caller("alice", TenantId.of("tenant-a"), Set.of());
    private static final Caller BOB = new Caller("bob", TenantId.of("tenant-b"), Set.of());

    private RunningPlatform platform;
    private KnowledgeBase knowledge;

    @BeforeAll
    void start() {
        platform = LocalPlatform.builder().inMemory().port(0).apps(Set.of("knowledge"))
                .settings(Map.of("ONNX_EMBEDDING_VARIANT", "int8")).build().start();
        knowledge = HttpKnowledgeBase.create(KnowledgeApiSettings.from(platform.settings()));
    }

    @AfterAll
    void stop() {
        platform.close();
    }

    @Test
    void should_ingest_and_search_in_the_callers_tenant_only() {
        var receipt = knowledge.ingestText(ALICE, new KnowledgeBase.TextDocument("warranty", "Warranty",
                "Every espresso machine carries a two year warranty covering the pump and the boiler.", Map.of()));
        assertThat(receipt.documentId()).isEqualTo("warranty");
        assertThat(receipt.status()).isEqualTo("created");
        assertThat(receipt.chunkCount()).isPositive();

        List<KnowledgeHit> hits = knowledge.search(ALICE, "how long is the espresso machine warranty", 3);
        assertThat(hits).isNotEmpty();
        assertThat(hits.get(0).documentId()).isEqualTo("warranty");
        assertThat(hits.get(0).text()).contains("two year warranty");

        assertThat(knowledge.search(BOB, "how long is the espresso machine warranty", 3)).isEmpty();
    }

    @Test
    void should_delete_a_document_of_the_callers_tenant_and_accept_a_repeated_delete() {
        knowledge.ingestText(ALICE, new KnowledgeBase.TextDocument("descaling", "Descaling",
                "Descale the espresso machine every two months with citric acid.", Map.of()));
        knowledge.delete(BOB, "descaling"); // another tenant's delete finds nothing and changes nothing
        assertThat(knowledge.search(ALICE, "descale the espresso machine citric acid", 3))
                .extracting(KnowledgeHit::documentId).contains("descaling");

        knowledge.delete(ALICE, "descaling");
        knowledge.delete(ALICE, "descaling");

        assertThat(knowledge.search(ALICE, "descale the espresso machine citric acid", 3))
                .extracting(KnowledgeHit::documentId).doesNotContain("descaling");
    }

    @Test
    void should_return_the_knowledge_apps_4xx_as_a_problem_when_the_request_is_invalid() {
        assertThatThrownBy(() -> knowledge.search(ALICE, " ", 3))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.problem().status()).isEqualTo(400));
    }

    @Test
    void should_return_each_refusal_with_its_status_when_the_request_breaks_the_search_contract() {
        assertThatThrownBy(() -> knowledge.search(ALICE, "espresso", 0))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.problem().type().toString()).endsWith("knowledge-refused");
                });
        assertThatThrownBy(() -> knowledge.search(ALICE, "espresso ".repeat(2_000), 3))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.status()).isBetween(400, 413));
        assertThatThrownBy(() -> knowledge.delete(ALICE, "-not-an-id"))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.status()).isEqualTo(400));
    }

    @Test
    void should_carry_the_callers_groups_so_a_member_of_a_reading_group_finds_the_document_and_no_one_else_does() {
        knowledge.ingestText(ALICE, new KnowledgeBase.TextDocument("grinder", "Grinder",
                "The burr grinder needs cleaning every fortnight with a dry brush.", Map.of(),
                Readers.of(List.of("baristas"), List.of())));
        var carol = new Caller("carol", ALICE.tenant(), Set.of(), Set.of("baristas"));
        var dave = new Caller("dave", ALICE.tenant(), Set.of(), Set.of("roasters"));

        assertThat(knowledge.search(carol, "how often is the burr grinder cleaned", 3))
                .extracting(KnowledgeHit::documentId).contains("grinder");
        assertThat(knowledge.search(dave, "how often is the burr grinder cleaned", 3))
                .extracting(KnowledgeHit::documentId).doesNotContain("grinder");
        assertThat(knowledge.search(BOB, "how often is the burr grinder cleaned", 3)).isEmpty();
    }

    @Test
    void should_keep_a_document_ingested_without_readers_to_its_ingesting_caller_and_share_a_tenant_wide_one() {
        knowledge.ingestText(ALICE, new KnowledgeBase.TextDocument("milk", "Milk",
                "Steam the milk for the flat white to sixty degrees.", Map.of()));
        knowledge.ingestText(ALICE, new KnowledgeBase.TextDocument("opening", "Opening hours",
                "The cafe opens at seven and the milk delivery arrives at six.", Map.of(), Readers.wholeTenant()));
        var dave = new Caller("dave", ALICE.tenant(), Set.of());

        assertThat(knowledge.search(ALICE, "milk", 5)).extracting(KnowledgeHit::documentId).contains("milk", "opening");
        assertThat(knowledge.search(dave, "milk", 5)).extracting(KnowledgeHit::documentId)
                .contains("opening").doesNotContain("milk");
    }

    @Test
    void should_refuse_a_call_as_an_unauthenticated_clients_when_the_key_is_wrong() {
        var wrongKey = HttpKnowledgeBase.create(new KnowledgeApiSettings(
                platform.settings().get("KNOWLEDGE_API_BASE_URL").orElseThrow(), "not-the-key", Duration.ofSeconds(5)));
        // Without the function key the request is a client's, and it carries no credentials: the gateway refuses it.
        assertThatThrownBy(() -> wrongKey.search(ALICE, "espresso machine warranty", 3))
                .isInstanceOf(KnowledgeUnavailableException.class).hasMessageContaining("401");
    }

    @Test
    void should_report_unavailable_when_knowledge_cannot_be_reached() {
        var nowhere = HttpKnowledgeBase.create(new KnowledgeApiSettings("http://127.0.0.1:9", "", Duration.ofSeconds(2)));
        assertThatThrownBy(() -> nowhere.search(ALICE, "anything", 3)).isInstanceOf(KnowledgeUnavailableException.class);
    }

    @Test
    void should_read_its_settings_by_name() {
        var settings = KnowledgeApiSettings.from(Settings.of(Map.of("KNOWLEDGE_API_BASE_URL", "http://knowledge",
                "KNOWLEDGE_API_KEY", "k", "KNOWLEDGE_API_TIMEOUT", "PT3S")));
        assertThat(settings).isEqualTo(new KnowledgeApiSettings("http://knowledge", "k", Duration.ofSeconds(3)));
    }
}
