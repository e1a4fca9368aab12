package com.aiplatform.infra.checks;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The mutation corpus of issue 13: copies of the repository, each with one defect that a review against
 * Microsoft's documentation found or that the offline checks once let through, all checked in one run.
 * A check that passes any of these broken templates is a bug.
 */
class MutationCorpusTest {

    private static final String MAIN = "infra/bicep/main.bicep";
    private static final String FUNCTION_APP = "infra/bicep/modules/function-app.bicep";
    private static final String APIM = "infra/bicep/modules/api-management.bicep";

    @TempDir
    static Path temp;

    private static final Map<String, Path> ROOTS = new LinkedHashMap<>();
    private static InfraChecker.Report report;

    @BeforeAll
    static void checkEveryMutation() {
        Path source = InfraChecker.repositoryRoot();
        mutation(source, "unchanged", copy -> copy);
        mutation(source, "resourceTypeMisspelled", copy -> copy.replace(FUNCTION_APP,
                "resource site 'Microsoft.Web/sites@2024-04-01' = {", "resource site 'Microsoft.Web/sitez@1999-01-01' = {"));
        mutation(source, "propertyMisspelled", copy -> copy.replace(FUNCTION_APP,
                "functionAppConfig: {", "functionAppConfg: {"));
        mutation(source, "versionAsNumber", copy -> copy.replace(FUNCTION_APP, "version: '17'", "version: 17"));
        mutation(source, "roleGuidAllZero", copy -> copy.replace("infra/bicep/modules/role-assignments.bicep",
                "'Key Vault Secrets User': '4633458b-17de-408a-b874-0445c86b69e6'",
                "'Key Vault Secrets User': '00000000-0000-0000-0000-000000000000'"));
        mutation(source, "policyMisspelled", copy -> copy.replace("infra/apim/policies/product-limits.xml",
                "<rate-limit-by-key calls=\"__RATE_CALLS__\"", "<rate-limit-by-kee calls=\"__RATE_CALLS__\""));
        // Finding 1: the roles after listKeys (appRoles waiting for functionKeys, apps not waiting for roles).
        mutation(source, "rolesAfterListKeys", copy -> copy
                .replace(MAIN, "    name: 'roles-${app.name}'\n    scope: rg\n    params: {",
                        "    name: 'roles-${app.name}'\n    scope: rg\n    dependsOn: [\n      functionKeys\n    ]\n    params: {")
                .replace(MAIN, "    dependsOn: [\n      appRoles\n    ]\n    params: {\n      name: functionAppNames[app.name]",
                        "    params: {\n      name: functionAppNames[app.name]"));
        // Finding 2: quota-by-key on a v2 SKU.
        mutation(source, "quotaOnBasicV2", copy -> copy
                .replace(APIM, "param sku string = 'Basic'", "param sku string = 'BasicV2'")
                .replace(APIM, "@allowed([\n  'Developer'", "@allowed([\n  'BasicV2'\n  'Developer'"));
        // Finding 3: GetValueOrDefault with an array default.
        mutation(source, "claimsDefaultArray", copy -> copy.replace("infra/apim/policies/api.xml",
                "&quot;__JWT_ROLES_CLAIM__&quot;, &quot;&quot;))", "&quot;__JWT_ROLES_CLAIM__&quot;, new string[0]))"));
        // Finding 4: a retired chat model.
        mutation(source, "retiredModel", copy -> copy
                .replace(MAIN, "name: 'gpt-5-mini'\n    model: 'gpt-5-mini'\n    version: '2025-08-07'",
                        "name: 'gpt-4o-mini'\n    model: 'gpt-4o-mini'\n    version: '2024-07-18'")
                .replace("infra/bicep/apps/common.json", "gpt-5-mini=", "gpt-4o-mini="));
        // Finding 5: Key Vault references written with the app, before the secrets and the roles on them.
        mutation(source, "keyVaultSettingsWithTheApp", copy -> copy.replace(FUNCTION_APP,
                "withKeyVaultReferences: false", "withKeyVaultReferences: true"));
        mutation(source, "keyVaultSettingsBeforeRoles", copy -> copy.replace(MAIN,
                "    dependsOn: [\n      appSecretRoles\n      functionKeys\n    ]\n", ""));
        // Finding 6: host storage without AzureWebJobsStorage__accountName.
        mutation(source, "hostStorageWithoutAccountName", copy -> copy.replace("infra/bicep/apps/common.json",
                "    \"AzureWebJobsStorage__accountName\": \"{{storageAccountName}}\",\n", ""));
        // Finding 10: an OS command on Flex Consumption.
        mutation(source, "ocrCommandOnFlex", copy -> copy.replace("infra/bicep/apps/assistant.json",
                "\"ASSISTANT_OCR_COMMAND\": \"\",", "\"ASSISTANT_OCR_COMMAND\": \"tesseract\","));
        // A policy naming a named value the module does not create (APIM refuses it when saved).
        mutation(source, "namedValueUnknown", copy -> copy.replace("infra/apim/policies/api.xml",
                "{{platform-base-url}}", "{{platform-url}}"));
        report = InfraChecker.run(new ArrayList<>(ROOTS.values()));
    }

    private static void mutation(Path source, String name, UnaryOperator<RepositoryCopy> edit) {
        ROOTS.put(name, edit.apply(RepositoryCopy.of(source, temp.resolve(name))).root());
    }

    private static List<String> failures(String mutation) {
        return report.failures(ROOTS.get(mutation));
    }

    @Test
    void should_pass_when_the_copy_is_unchanged() {
        assertThat(failures("unchanged")).as(report.output()).isEmpty();
    }

    @Test
    void should_fail_arm_models_when_a_resource_type_is_misspelled() {
        assertThat(failures("resourceTypeMisspelled")).contains("FAIL arm-models infra/bicep/modules/function-app.bicep:73 "
                + "'Microsoft.Web/sitez' is not a resource type the pinned ARM SDKs know (13 packages)");
    }

    @Test
    void should_fail_arm_models_when_a_property_is_misspelled() {
        assertThat(failures("propertyMisspelled")).containsExactly("FAIL arm-models infra/bicep/modules/function-app.bicep:73 "
                + "Microsoft.Web/sites@2024-04-01: properties.functionAppConfg is not a property of Site (@azure/arm-appservice@16.0.0)");
    }

    @Test
    void should_fail_arm_models_when_a_string_property_is_given_a_number() {
        assertThat(failures("versionAsNumber")).containsExactly("FAIL arm-models infra/bicep/modules/function-app.bicep:73 "
                + "Microsoft.Web/sites@2024-04-01: properties.functionAppConfig.runtime.version is a number, but the "
                + "model's type is String (@azure/arm-appservice@16.0.0)");
    }

    @Test
    void should_fail_role_ids_when_a_role_guid_is_all_zero() {
        assertThat(failures("roleGuidAllZero")).containsExactly("FAIL role-ids infra/bicep/modules/role-assignments.bicep: "
                + "'Key Vault Secrets User' has '00000000-0000-0000-0000-000000000000', which is no role definition id");
    }

    @Test
    void should_fail_apim_policies_when_a_policy_name_is_misspelled() {
        assertThat(failures("policyMisspelled")).isNotEmpty().allSatisfy(line -> assertThat(line)
                .startsWith("FAIL apim-policies infra/bicep/modules/api-management.bicep apiPolicies[")
                .endsWith("<rate-limit-by-kee> is not an API Management policy"));
    }

    @Test
    void should_fail_ordering_when_the_roles_come_after_list_keys() {
        assertThat(failures("rolesAfterListKeys")).contains(
                "FAIL ordering infra/bicep/main.bicep: 'appRoles' depends on 'functionApps', but must come first: "
                        + "the apps' identities get their host and data roles before the apps exist",
                "FAIL ordering infra/bicep/main.bicep: 'appRoles' depends on 'functionKeys', but must come first: "
                        + "listKeys needs the host to read azure-webjobs-secrets (Storage Blob Data Owner)");
    }

    @Test
    void should_fail_apim_policies_when_quota_by_key_meets_a_v2_sku() {
        assertThat(failures("quotaOnBasicV2")).isNotEmpty().allSatisfy(line -> assertThat(line)
                .endsWith("<quota-by-key> does not run on the v2 gateway of SKU BasicV2 (it runs on classic, self-hosted, workspace)"));
    }

    @Test
    void should_fail_apim_policies_when_get_value_or_default_gets_an_array() {
        assertThat(failures("claimsDefaultArray")).isNotEmpty().allSatisfy(line -> assertThat(line)
                .contains("Claims.GetValueOrDefault takes (string, string) and returns a string"));
    }

    @Test
    void should_fail_models_when_a_deployment_is_past_its_retirement() {
        assertThat(failures("retiredModel")).contains("FAIL models infra/bicep/main.bicep modelDeployments gpt-4o-mini "
                + "\"2024-07-18\" was retired on 2025-08-16");
    }

    @Test
    void should_fail_ordering_when_key_vault_references_are_written_with_the_app() {
        assertThat(failures("keyVaultSettingsWithTheApp")).containsExactly("FAIL ordering infra/bicep/modules/function-app.bicep: "
                + "'hostSettings' writes Key Vault references before the secrets and the roles on them exist "
                + "(only main.bicep may, after appSecretRoles)");
    }

    @Test
    void should_fail_ordering_when_key_vault_references_do_not_wait_for_the_roles() {
        assertThat(failures("keyVaultSettingsBeforeRoles")).contains(
                "FAIL ordering infra/bicep/main.bicep: 'appSettings' does not depend on 'appSecretRoles': "
                        + "a Key Vault reference resolves only once the app may read the secret");
    }

    @Test
    void should_fail_settings_when_host_storage_lacks_the_account_name() {
        assertThat(failures("hostStorageWithoutAccountName")).isNotEmpty().allSatisfy(line -> assertThat(line)
                .contains("AzureWebJobsStorage__accountName is not set"));
    }

    @Test
    void should_fail_apim_policies_when_a_policy_uses_a_named_value_the_module_does_not_create() {
        assertThat(failures("namedValueUnknown")).hasSize(6).allSatisfy(line -> assertThat(line)
                .contains("uses the named value {{platform-url}}, which the module does not create"));
    }

    @Test
    void should_fail_settings_when_an_app_setting_names_an_os_command_on_flex_consumption() {
        assertThat(failures("ocrCommandOnFlex")).containsExactly("FAIL settings [assistant] ASSISTANT_OCR_COMMAND is "
                + "'tesseract', but Flex Consumption has no OS packages to run it (leave it empty; see infra/bicep/README.md)");
    }
}
