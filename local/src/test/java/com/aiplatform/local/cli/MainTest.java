package com.aiplatform.local.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;

class MainTest {

    @Test
    void should_describe_start_options_when_asked_for_help() {
        StringWriter out = new StringWriter();
        CommandLine commandLine = new CommandLine(new Main()).setOut(new PrintWriter(out));

        int exitCode = commandLine.execute("start", "--help");

        assertThat(exitCode).isZero();
        assertThat(out.toString()).contains("--port", "--data-dir", "--in-memory");
    }

    @Test
    void should_refuse_unknown_option_when_parsing() {
        CommandLine commandLine = new CommandLine(new Main()).setErr(new PrintWriter(new StringWriter()));

        assertThat(commandLine.execute("start", "--bogus")).isEqualTo(2);
    }
}
