package com.aiplatform.bench.cli;

import com.aiplatform.bench.GatewayBenchCommand;
import com.aiplatform.bench.coldstart.ColdStartCommand;
import com.aiplatform.bench.coldstart.PlatformArchive;
import com.aiplatform.bench.eval.AgentBenchCommand;
import com.aiplatform.bench.eval.AnswerEvalCommand;
import com.aiplatform.bench.eval.BenchCommand;
import com.aiplatform.bench.eval.EvalCommand;
import com.aiplatform.bench.eval.IngestBenchCommand;
import com.aiplatform.bench.eval.LlmBenchCommand;
import com.aiplatform.bench.eval.ResearchBenchCommand;
import com.aiplatform.local.cli.Main;
import picocli.CommandLine.Command;

/**
 * What {@code ./platform} runs: the local platform's {@code start}, the knowledge app's {@code eval} (retrieval
 * quality) and {@code eval-answers} (answer quality), and the benchmarks {@code bench-knowledge},
 * {@code bench-agent}, {@code bench-gateway}, {@code bench-research}, {@code bench-ingest},
 * {@code bench-cold-start} and {@code bench-llm}.
 */
@Command(name = "platform", mixinStandardHelpOptions = true,
        description = "Runs every function app of the AI Platform in one process, evaluates and benchmarks it.",
        subcommands = {Main.Start.class, EvalCommand.class, AnswerEvalCommand.class, BenchCommand.class,
                AgentBenchCommand.class, GatewayBenchCommand.class, ResearchBenchCommand.class,
                IngestBenchCommand.class, ColdStartCommand.class, LlmBenchCommand.class, PlatformArchive.class})
public final class PlatformCli {

    public static void main(String[] args) {
        Main.run(new PlatformCli(), args);
    }
}
