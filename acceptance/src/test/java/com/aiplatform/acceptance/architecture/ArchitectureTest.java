package com.aiplatform.acceptance.architecture;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Set;
import java.util.TreeSet;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The structure of the main code of every module (this module depends on all of them): no package cycles, and
 * the layering bench → local → apps → shared with nothing back and no app reaching into another. An app is any package
 * right under {@code com.aiplatform} that is not shared, testing, local or bench, so a new app is covered by itself.
 */
class ArchitectureTest {

    private static final Set<String> NOT_APPS = Set.of("shared", "testing", "local", "bench", "acceptance");

    private static JavaClasses main;

    @BeforeAll
    static void importMainClasses() {
        main = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("com.aiplatform");
    }

    private static ArchRule noPackageCycles() {
        return slices().matching("com.aiplatform.(**)").should().beFreeOfCycles();
    }

    private static Set<String> apps() {
        Set<String> apps = new TreeSet<>();
        for (JavaClass type : main) {
            String[] parts = type.getPackageName().split("\\.");
            if (parts.length > 2 && !NOT_APPS.contains(parts[2])) {
                apps.add(parts[2]);
            }
        }
        return apps;
    }

    @Test
    void should_have_imported_every_app_and_shared_module() {
        assertThat(apps()).contains("knowledge", "agent", "research", "assistant", "platform", "llm");
        assertThat(main.containPackage("com.aiplatform.shared.vector.qdrant")).isTrue();
        assertThat(main.containPackage("com.aiplatform.local.gateway")).isTrue();
        assertThat(main.containPackage("com.aiplatform.bench.eval")).isTrue();
    }

    @Test
    void should_have_no_package_cycles() {
        noPackageCycles().check(main);
    }

    @Test
    void should_keep_shared_code_free_of_apps_and_the_local_host() {
        String[] upper = apps().stream().map(app -> "com.aiplatform." + app + "..").toArray(String[]::new);
        noClasses().that().resideInAnyPackage("com.aiplatform.shared..", "com.aiplatform.testing..")
                .should().dependOnClassesThat().resideInAnyPackage(upper)
                .orShould().dependOnClassesThat().resideInAnyPackage("com.aiplatform.local..", "com.aiplatform.bench..")
                .check(main);
    }

    @Test
    void should_keep_each_app_out_of_every_other_app_and_the_local_host() {
        for (String app : apps()) {
            String[] others = apps().stream().filter(other -> !other.equals(app))
                    .map(other -> "com.aiplatform." + other + "..").toArray(String[]::new);
            noClasses().that().resideInAPackage("com.aiplatform." + app + "..")
                    .should().dependOnClassesThat().resideInAnyPackage(others)
                    .orShould().dependOnClassesThat().resideInAnyPackage("com.aiplatform.local..", "com.aiplatform.bench..")
                    .as(app + " depends on no other app, not on the local host and not on the benchmarks")
                    .check(main);
        }
    }

    /**
     * The local host hosts apps as the Functions host does, knowing none of their classes: it finds them through
     * {@code FunctionAppFactory} (shared) with {@code ServiceLoader} and reaches them over HTTP and events only, so
     * this rule needs no exception (issue 17).
     */
    private static ArchRule hostFreeOfApps(String hostPackage, Set<String> apps) {
        String[] upper = apps.stream().map(app -> "com.aiplatform." + app + "..").toArray(String[]::new);
        return noClasses().that().resideInAPackage(hostPackage)
                .should().dependOnClassesThat().resideInAnyPackage(upper)
                .as("the local host (" + hostPackage + ") depends on no app's classes " + apps);
    }

    @Test
    void should_keep_the_local_host_free_of_every_apps_classes() {
        hostFreeOfApps("com.aiplatform.local..", apps()).check(main);
    }

    @Test
    void should_report_a_violation_when_a_host_class_uses_an_apps_class() {
        JavaClasses host = new ClassFileImporter().importPackages("com.aiplatform.acceptance.architecture.host");

        assertThat(host.size()).isEqualTo(1);
        assertThat(hostFreeOfApps("com.aiplatform.acceptance.architecture.host..", apps()).evaluate(host)
                .hasViolation()).isTrue();
    }

    @Test
    void should_leave_the_choice_of_vector_store_model_client_events_and_budget_to_shared_runtime() {
        String[] apps = apps().stream().map(app -> "com.aiplatform." + app + "..").toArray(String[]::new);
        noClasses().that().resideInAnyPackage(apps)
                .should().dependOnClassesThat().resideInAnyPackage("com.aiplatform.shared.vector.lucene..",
                        "com.aiplatform.shared.vector.qdrant..", "com.aiplatform.shared.event.eventgrid..",
                        "com.aiplatform.shared.event.log..", "com.aiplatform.shared.budget.http..",
                        "com.aiplatform.shared.budget.unlimited..", "com.aiplatform.shared.embedding.openai..")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("com.aiplatform.shared.llm.openai.OpenAiLlmClient")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("com.aiplatform.shared.llm.openai.OpenAiClients")
                .as("apps ask shared/runtime (VectorStores, Embedders, SharedAdapters) for these ports, never an adapter")
                .check(main);
    }

    @Test
    void should_keep_the_local_host_free_of_the_benchmarks() {
        noClasses().that().resideInAPackage("com.aiplatform.local..")
                .should().dependOnClassesThat().resideInAPackage("com.aiplatform.bench..")
                .check(main);
    }

    @Test
    void should_report_a_cycle_when_two_packages_use_each_other() {
        JavaClasses cyclic = new ClassFileImporter().importPackages("com.aiplatform.acceptance.architecture.cyclic");

        assertThat(cyclic.size()).isEqualTo(2);
        assertThat(noPackageCycles().evaluate(cyclic).hasViolation()).isTrue();
    }
}
