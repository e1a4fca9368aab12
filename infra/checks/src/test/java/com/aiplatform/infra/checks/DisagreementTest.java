package com.aiplatform.infra.checks;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each check fails when code and infrastructure disagree: every scenario is a copy of the repository
 * with one edit, and all copies are checked in one run of the checker (its parsers start once).
 */
class DisagreementTest {

    private static final String KNOWLEDGE_JSON = "infra/bicep/apps/knowledge.json";
    private static final String PLATFORM_JSON = "infra/bicep/apps/platform.json";
    private static final String KNOWLEDGE_SRC = "functions/knowledge/src/main/java/com/aiplatform/knowledge/";
    private static final String SAMPLE = "local.settings.sample.json";
    private static final String EVENT_FUNCTION = """
            package com.aiplatform.knowledge.api;

            import com.microsoft.azure.functions.annotation.EventGridTrigger;
            import com.microsoft.azure.functions.annotation.FunctionName;

            public final class EventFunctions {
                @FunctionName("knowledgeOnDocumentIngested")
                public void onEvent(@EventGridTrigger(name = "event") String event) {
                }
            }
            """;

    @TempDir
    static Path temp;

    private static final Map<String, Path> ROOTS = new LinkedHashMap<>();
    private static InfraChecker.Report report;

    @BeforeAll
    static void checkEveryScenario() {
        Path source = InfraChecker.repositoryRoot();
        scenario(source, "unchanged", copy -> copy);
        scenario(source, "syntax", copy -> copy.write("infra/bicep/modules/broken.bicep",
                "resource broken 'Microsoft.Web/sites@2024-04-01' = {\n  name: \n"));
        scenario(source, "modulePath", copy -> copy.replace("infra/bicep/main.bicep",
                "'modules/openai.bicep'", "'modules/open-ai.bicep'"));
        scenario(source, "moduleParamRenamed", copy -> copy.replace("infra/bicep/main.bicep",
                "    deadLetterContainer: deadLetterContainer\n    subscriptions:", "    deadLetterBlobs: deadLetterContainer\n    subscriptions:"));
        scenario(source, "outputFeedsParameter", copy -> copy.replace("infra/bicep/main.bicep",
                "output QDRANT_APP_ENDPOINT string", "output QDRANT_ENDPOINT string"));
        scenario(source, "policyPlaceholderUnknown", copy -> copy.replace("infra/apim/policies/api.xml",
                "<set-backend-service backend-id=\"__BACKEND_ID__\" />",
                "<set-backend-service backend-id=\"__BACKEND_ID__\" base-url=\"__BACKEND_URL__\" />"));
        scenario(source, "gatewayRoutesUnknownApp", copy -> copy.replace("infra/gateway/gateway.json",
                "\"app\": \"knowledge\"", "\"app\": \"summaries\""));
        scenario(source, "settingDropped", copy -> copy.replace(KNOWLEDGE_JSON,
                "\"KNOWLEDGE_CHUNK_TOKENS\": \"250\",", ""));
        scenario(source, "settingAddedInCode", copy -> copy.write(KNOWLEDGE_SRC + "ReindexSettings.java", """
                package com.aiplatform.knowledge;

                import com.aiplatform.shared.settings.Settings;

                record ReindexSettings(int batch) {
                    static ReindexSettings from(Settings settings) {
                        Settings.Reader read = settings.reader();
                        return new ReindexSettings(read.integer(BATCH, 10));
                    }
                    static final String BATCH = "KNOWLEDGE_REINDEX_BATCH";
                }
                """));
        scenario(source, "sharedClassNotReached", copy -> copy.write(
                "shared/runtime/src/main/java/com/aiplatform/shared/runtime/UnusedSettings.java", """
                package com.aiplatform.shared.runtime;

                import com.aiplatform.shared.settings.Settings;

                public record UnusedSettings(String value) {
                    public static UnusedSettings from(Settings settings) {
                        return new UnusedSettings(settings.reader().string("NOT_READ_BY_ANY_APP", ""));
                    }
                }
                """));
        scenario(source, "sharedClassReached", copy -> copy.write(
                "shared/runtime/src/main/java/com/aiplatform/shared/runtime/UnusedSettings.java", """
                package com.aiplatform.shared.runtime;

                import com.aiplatform.shared.settings.Settings;

                public record UnusedSettings(String value) {
                    public static UnusedSettings from(Settings settings) {
                        return new UnusedSettings(settings.reader().string("READ_THROUGH_SHARED", ""));
                    }
                }
                """).write(KNOWLEDGE_SRC + "UsesShared.java", """
                package com.aiplatform.knowledge;

                final class UsesShared {
                    Object settings(com.aiplatform.shared.settings.Settings settings) {
                        return com.aiplatform.shared.runtime.UnusedSettings.from(settings);
                    }
                }
                """));
        scenario(source, "queueNotProvisioned", copy -> copy
                .replace(KNOWLEDGE_JSON, "\"KNOWLEDGE_CHUNK_TOKENS\": \"250\",",
                        "\"KNOWLEDGE_CHUNK_TOKENS\": \"250\",\n    \"KNOWLEDGE_REINDEX_QUEUE\": \"knowledge-reindex\",")
                .replace(SAMPLE, "\"KNOWLEDGE_CHUNK_TOKENS\": \"250\",",
                        "\"KNOWLEDGE_CHUNK_TOKENS\": \"250\",\n    \"KNOWLEDGE_REINDEX_QUEUE\": \"knowledge-reindex\",")
                .write(KNOWLEDGE_SRC + "api/ReindexFunctions.java", """
                        package com.aiplatform.knowledge.api;

                        import com.microsoft.azure.functions.annotation.FunctionName;
                        import com.microsoft.azure.functions.annotation.QueueTrigger;

                        public final class ReindexFunctions {
                            @FunctionName("knowledgeReindex")
                            public void reindex(@QueueTrigger(name = "message", queueName = "%KNOWLEDGE_REINDEX_QUEUE%")
                                                String message) {
                            }
                        }
                        """));
        scenario(source, "tableNotProvisioned", copy -> copy.replace(KNOWLEDGE_JSON,
                "\"tables\": [\n      \"knowledgedocuments\",\n", "\"tables\": [\n"));
        scenario(source, "roleDropped", copy -> copy.replace(KNOWLEDGE_JSON, """
                    {
                      "role": "Cognitive Services OpenAI User",
                      "scope": "openai"
                    },
                """, ""));
        scenario(source, "eventTriggerWithoutSubscription", copy -> copy.write(KNOWLEDGE_SRC + "api/EventFunctions.java",
                EVENT_FUNCTION));
        scenario(source, "eventTriggerWithSubscription", copy -> copy.write(KNOWLEDGE_SRC + "api/EventFunctions.java",
                EVENT_FUNCTION).replace(KNOWLEDGE_JSON, "\"eventSubscriptions\": []", """
                "eventSubscriptions": [
                    { "function": "knowledgeOnDocumentIngested", "includedEventTypes": ["AiPlatform.Knowledge.DocumentIngested"] }
                  ]"""));
        scenario(source, "appWithoutBicep", copy -> copy
                .write("functions/summaries/pom.xml", copy.read("functions/knowledge/pom.xml")
                        .replace("<artifactId>knowledge</artifactId>", "<artifactId>summaries</artifactId>"))
                .write("functions/summaries/src/main/java/com/aiplatform/summaries/SummariesSettings.java", """
                        package com.aiplatform.summaries;

                        record SummariesSettings() {
                        }
                        """));
        scenario(source, "workflowInvalid", copy -> copy.write(".github/workflows/broken.yml", """
                name: broken
                on: push
                jobs:
                  build:
                    runs-on: ubuntu-latest
                    steps:
                      - run: echo ${{ github.no_such_property }}
                """));
        scenario(source, "unknownReference", copy -> copy.replace(KNOWLEDGE_JSON,
                "\"{{openAiEmbeddingDeployment}}\"", "\"{{openAiEmbedingDeployment}}\""));
        scenario(source, "nameNotInSample", copy -> copy.replace(KNOWLEDGE_JSON,
                "\"KNOWLEDGE_CHUNK_TOKENS\": \"250\",", "\"KNOWLEDGE_CHUNK_TOKEN\": \"250\","));
        scenario(source, "containerNameDiffers", copy -> copy
                .replace(KNOWLEDGE_JSON, "\"KNOWLEDGE_DOCUMENTS_CONTAINER\": \"knowledge-documents\"",
                        "\"KNOWLEDGE_DOCUMENTS_CONTAINER\": \"documents\""));
        scenario(source, "qdrantOffNetwork", copy -> copy.replace(KNOWLEDGE_JSON,
                "\"usesQdrant\": true", "\"usesQdrant\": false"));
        scenario(source, "deadLetterRoleDropped", copy -> copy.replace(PLATFORM_JSON, """
                    {
                      "role": "Storage Blob Data Contributor",
                      "scope": "container",
                      "resource": "eventgrid-deadletter"
                    },
                """, ""));
        scenario(source, "deadLetterContainerRenamed", copy -> copy.replace("infra/bicep/main.bicep",
                "var deadLetterContainer = 'eventgrid-deadletter'", "var deadLetterContainer = 'eventgrid-dead-letters'"));
        report = InfraChecker.run(new ArrayList<>(ROOTS.values()));
    }

    private static void scenario(Path source, String name, UnaryOperator<RepositoryCopy> edit) {
        ROOTS.put(name, edit.apply(RepositoryCopy.of(source, temp.resolve(name))).root());
    }

    private static List<String> failures(String scenario) {
        return report.failures(ROOTS.get(scenario));
    }

    @Test
    void should_pass_when_the_copy_is_unchanged() {
        assertThat(failures("unchanged")).as(report.output()).isEmpty();
        assertThat(report.ok(ROOTS.get("unchanged"))).isTrue();
    }

    @Test
    void should_fail_when_any_copy_disagrees() {
        assertThat(report.exitCode()).isEqualTo(1);
    }

    @Test
    void should_fail_bicep_syntax_when_a_template_does_not_parse() {
        assertThat(failures("syntax")).singleElement().asString()
                .startsWith("FAIL bicep-syntax infra/bicep/modules/broken.bicep:");
    }

    @Test
    void should_fail_module_paths_when_a_module_file_does_not_exist() {
        assertThat(failures("modulePath")).singleElement().asString()
                .startsWith("FAIL module-paths infra/bicep/main.bicep:").contains("'modules/open-ai.bicep' does not exist");
    }

    @Test
    void should_fail_module_params_when_a_module_call_and_the_module_disagree() throws IOException {
        assertThat(failures("moduleParamRenamed")).containsExactlyInAnyOrder(
                "FAIL module-params infra/bicep/main.bicep:" + moduleLine("modules/event-grid-subscriptions.bicep")
                        + " passes 'deadLetterBlobs', which modules/event-grid-subscriptions.bicep does not declare",
                "FAIL module-params infra/bicep/main.bicep:" + moduleLine("modules/event-grid-subscriptions.bicep")
                        + " does not pass 'deadLetterContainer', which modules/event-grid-subscriptions.bicep requires");
    }

    private static int moduleLine(String module) throws IOException {
        List<String> lines = Files.readAllLines(ROOTS.get("moduleParamRenamed").resolve("infra/bicep/main.bicep"));
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith("module ") && lines.get(i).contains("'" + module + "'")) {
                return i + 1;
            }
        }
        throw new IllegalStateException(module + " is not called from main.bicep");
    }

    @Test
    void should_fail_azd_outputs_when_an_output_would_feed_another_value_into_a_parameter() {
        assertThat(failures("outputFeedsParameter")).singleElement().asString()
                .startsWith("FAIL azd-outputs infra/bicep/main.bicep:")
                .endsWith("output QDRANT_ENDPOINT would set the environment variable that main.parameters.json reads into 'qdrantEndpoint'");
    }

    @Test
    void should_fail_gateway_when_a_policy_template_has_a_placeholder_bicep_does_not_fill() {
        // The rendering check sees the same defect in every API's rendered policy.
        assertThat(failures("policyPlaceholderUnknown"))
                .contains("FAIL gateway infra/apim/policies/api.xml has __BACKEND_URL__, which api-management.bicep does not replace",
                        "FAIL apim-policies infra/bicep/modules/api-management.bicep apiPolicies[0] (knowledge) still holds "
                                + "the placeholder __BACKEND_URL__ after rendering")
                .hasSize(7);
    }

    @Test
    void should_fail_gateway_when_the_definition_routes_to_an_app_bicep_does_not_deploy() {
        assertThat(failures("gatewayRoutesUnknownApp")).singleElement().asString()
                .isEqualTo("FAIL gateway infra/gateway/gateway.json routes api/v1/knowledge to 'summaries', which main.bicep does not deploy");
    }

    @Test
    void should_fail_settings_when_bicep_no_longer_sets_a_setting_the_code_reads() {
        assertThat(failures("settingDropped")).singleElement().asString()
                .startsWith("FAIL settings [knowledge] KNOWLEDGE_CHUNK_TOKENS is read (functions/knowledge/")
                .contains("KnowledgeSettings.java:");
    }

    @Test
    void should_fail_settings_when_the_code_reads_a_new_setting_through_a_constant() {
        assertThat(failures("settingAddedInCode")).singleElement().asString()
                .startsWith("FAIL settings [knowledge] KNOWLEDGE_REINDEX_BATCH is read (").contains("ReindexSettings.java:8");
    }

    @Test
    void should_ignore_a_shared_setting_when_no_class_of_the_app_reaches_it() {
        assertThat(failures("sharedClassNotReached")).isEmpty();
    }

    @Test
    void should_fail_settings_when_the_app_reaches_a_shared_class_that_reads_an_unset_setting() {
        assertThat(failures("sharedClassReached")).singleElement().asString()
                .startsWith("FAIL settings [knowledge] READ_THROUGH_SHARED is read (shared/runtime/");
    }

    @Test
    void should_fail_resources_and_roles_when_a_queue_trigger_uses_a_queue_nobody_provisions() {
        assertThat(failures("queueNotProvisioned")).containsExactlyInAnyOrder(
                "FAIL resources [knowledge] queue 'knowledge-reindex' (QueueTrigger of knowledgeReindex) is not provisioned in any storage list",
                "FAIL roles [knowledge] Storage Queue Data Contributor on queue 'knowledge-reindex' is missing (QueueTrigger of knowledgeReindex)",
                "FAIL roles [knowledge] Storage Queue Data Contributor on queue 'knowledge-reindex-poison' is missing (QueueTrigger of knowledgeReindex)",
                "FAIL resources [knowledge] queue 'knowledge-reindex' (setting KNOWLEDGE_REINDEX_QUEUE) is not provisioned in any storage list",
                "FAIL roles [knowledge] Storage Queue Data Contributor on queue 'knowledge-reindex' is missing (setting KNOWLEDGE_REINDEX_QUEUE)");
    }

    @Test
    void should_fail_resources_when_a_table_the_code_uses_is_not_provisioned() {
        assertThat(failures("tableNotProvisioned")).containsExactlyInAnyOrder(
                "FAIL resources [knowledge] table 'knowledgedocuments' (setting KNOWLEDGE_DOCUMENTS_TABLE) is not provisioned in any storage list",
                "FAIL roles [knowledge] role 'Storage Table Data Contributor' is on table 'knowledgedocuments', which is not provisioned");
    }

    @Test
    void should_fail_roles_when_an_app_that_calls_azure_openai_loses_its_role() {
        assertThat(failures("roleDropped")).singleElement().asString()
                .isEqualTo("FAIL roles [knowledge] Cognitive Services OpenAI User on Azure OpenAI is missing (a provider is azure_openai)");
    }

    @Test
    void should_fail_event_subscriptions_when_an_event_triggered_function_has_none() {
        assertThat(failures("eventTriggerWithoutSubscription")).singleElement().asString()
                .startsWith("FAIL event-subscriptions [knowledge] @EventGridTrigger knowledgeOnDocumentIngested has no entry");
    }

    @Test
    void should_pass_when_the_event_triggered_function_has_its_subscription() {
        assertThat(failures("eventTriggerWithSubscription")).as(report.output()).isEmpty();
    }

    @Test
    void should_fail_app_wiring_when_a_new_function_app_has_no_infrastructure() {
        assertThat(failures("appWithoutBicep")).singleElement().asString()
                .isEqualTo("FAIL app-wiring [summaries] functions/summaries has no infra/bicep/apps/summaries.json loaded into main.bicep's apps");
    }

    @Test
    void should_fail_workflows_when_actionlint_finds_a_problem() {
        assertThat(failures("workflowInvalid")).singleElement().asString()
                .startsWith("FAIL workflows .github/workflows/broken.yml:7:").contains("no_such_property");
    }

    @Test
    void should_fail_references_when_a_setting_refers_to_a_value_bicep_does_not_define() {
        assertThat(failures("unknownReference")).singleElement().asString()
                .startsWith("FAIL references [knowledge] AZURE_OPENAI_EMBEDDING_DEPLOYMENT refers to {{openAiEmbedingDeployment}}");
    }

    @Test
    void should_fail_settings_when_bicep_spells_a_setting_unlike_the_sample() {
        assertThat(failures("nameNotInSample")).containsExactlyInAnyOrder(
                "FAIL settings [knowledge] KNOWLEDGE_CHUNK_TOKEN is set by Bicep but is not in local.settings.sample.json (names must match)",
                failures("settingDropped").get(0));
    }

    @Test
    void should_fail_resources_when_bicep_names_a_container_unlike_the_sample() {
        assertThat(failures("containerNameDiffers")).contains(
                "FAIL resources [knowledge] KNOWLEDGE_DOCUMENTS_CONTAINER is 'documents' in Bicep but 'knowledge-documents' in local.settings.sample.json",
                "FAIL resources [knowledge] container 'documents' (setting KNOWLEDGE_DOCUMENTS_CONTAINER) is not provisioned in any storage list");
    }

    @Test
    void should_fail_roles_when_the_platform_loses_its_role_on_the_dead_letter_container() {
        assertThat(failures("deadLetterRoleDropped")).singleElement().asString().isEqualTo(
                "FAIL roles [platform] Storage Blob Data Contributor on container 'eventgrid-deadletter' is missing "
                        + "(setting EVENTGRID_DEADLETTER_CONTAINER)");
    }

    @Test
    void should_fail_resources_when_the_platform_reads_another_container_than_events_are_dead_lettered_to() {
        assertThat(failures("deadLetterContainerRenamed")).singleElement().asString().isEqualTo(
                "FAIL resources [platform] EVENTGRID_DEADLETTER_CONTAINER is 'eventgrid-deadletter' but main.bicep "
                        + "dead-letters events to 'eventgrid-dead-letters'");
    }

    @Test
    void should_fail_network_when_an_app_that_uses_qdrant_stays_off_its_network() {
        assertThat(failures("qdrantOffNetwork")).singleElement().asString()
                .startsWith("FAIL network [knowledge] knowledge reads QDRANT_ENDPOINT with VECTOR_STORE=qdrant");
    }
}
