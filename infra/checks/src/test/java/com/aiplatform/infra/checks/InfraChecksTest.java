package com.aiplatform.infra.checks;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The repository as it is: its Bicep, workflows and every function app's code agree. */
class InfraChecksTest {

    private static Path root;
    private static InfraChecker.Report report;

    @BeforeAll
    static void checkTheRepository() {
        root = InfraChecker.repositoryRoot();
        report = InfraChecker.run(List.of(root));
    }

    @Test
    void should_report_no_problem_when_code_and_infrastructure_agree() {
        assertThat(report.failures(root)).as(report.output()).isEmpty();
        assertThat(report.ok(root)).as(report.output()).isTrue();
        assertThat(report.exitCode()).isZero();
    }

    @Test
    void should_check_every_function_app_and_workflow_when_run_on_the_repository() throws IOException {
        long apps = count(root.resolve("functions"), dir -> Files.isRegularFile(dir.resolve("pom.xml")));
        long workflows = count(root.resolve(".github/workflows"), file -> file.toString().endsWith(".yml"));

        assertThat(report.lines(root)).anySatisfy(line -> assertThat(line)
                .contains(workflows + " workflows, " + apps + " function apps")
                .contains("knowledge: "));
    }

    private static long count(Path dir, java.util.function.Predicate<Path> filter) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(filter).count();
        }
    }
}
