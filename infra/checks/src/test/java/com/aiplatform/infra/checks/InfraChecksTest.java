package com.aiplatform.infra.checks;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The repository as it is: its Bicep, workflows and every function app's code agree. */
class InfraChecksTest {

    @Test
    void should_report_no_problem_when_code_and_infrastructure_agree() {
        Path root = InfraChecker.repositoryRoot();

        InfraChecker.Report report = InfraChecker.run(List.of(root));

        assertThat(report.failures(root)).as(report.output()).isEmpty();
        assertThat(report.ok(root)).as(report.output()).isTrue();
        assertThat(report.exitCode()).isZero();
    }

    @Test
    void should_check_every_function_app_and_workflow_when_run_on_the_repository() throws Exception {
        Path root = InfraChecker.repositoryRoot();
        long apps;
        try (var folders = Files.list(root.resolve("functions"))) {
            apps = folders.filter(dir -> Files.isRegularFile(dir.resolve("pom.xml"))).count();
        }
        long workflows;
        try (var files = Files.list(root.resolve(".github/workflows"))) {
            workflows = files.filter(f -> f.toString().endsWith(".yml")).count();
        }

        List<String> lines = InfraChecker.run(List.of(root)).lines(root);

        assertThat(lines).anySatisfy(line -> assertThat(line)
                .contains(workflows + " workflows, " + apps + " function apps")
                .contains("knowledge: "));
    }
}
