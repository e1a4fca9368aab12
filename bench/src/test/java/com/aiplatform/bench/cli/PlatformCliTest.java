package com.aiplatform.bench.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;

class PlatformCliTest {

    @Test
    void should_list_start_eval_and_every_benchmark_when_asked_for_help() {
        StringWriter out = new StringWriter();

        int exitCode = new CommandLine(new PlatformCli()).setOut(new PrintWriter(out)).execute("--help");

        assertThat(exitCode).isZero();
        assertThat(out.toString()).contains("start", "eval", "eval-answers", "bench-knowledge", "bench-agent",
                "bench-gateway", "bench-research", "bench-ingest", "bench-cold-start", "bench-llm");
    }

    @Test
    void should_refuse_an_unknown_command() {
        CommandLine commandLine = new CommandLine(new PlatformCli()).setErr(new PrintWriter(new StringWriter()));

        assertThat(commandLine.execute("bench-everything")).isEqualTo(2);
    }
}
