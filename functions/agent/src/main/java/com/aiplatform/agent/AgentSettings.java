package com.aiplatform.agent;

import com.aiplatform.shared.settings.Settings;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The agent app's settings, read once at start-up. Names are spelled the same in
 * local.settings.sample.json, the Bicep app settings and the README. The LLM, events and usage come
 * from {@link com.aiplatform.shared.runtime.RuntimeSettings}, the knowledge API from
 * {@link com.aiplatform.shared.knowledge.http.KnowledgeApiSettings}, the bundled model from
 * {@link com.aiplatform.shared.runtime.BundledEmbedders} ({@code ONNX_EMBEDDING_VARIANT}).
 *
 * <p>{@code onnxVariant} is the agent's default for {@code ONNX_EMBEDDING_VARIANT}: int8, or the deprecated
 * {@code AGENT_ONNX_VARIANT} (the agent's own name for it before the shared one), read only so that settings
 * written before still start the agent with the variant they name.
 */
public record AgentSettings(String tablePrefix, int maxToolRounds, int historyTokens, int maxOutputTokens,
                            Duration turnLease, String onnxVariant, int knowledgeTopK, int maxMessageChars) {

    public static AgentSettings from(Settings settings) {
        Settings.Reader read = settings.reader();
        AgentSettings result = read(read);
        read.validate();
        return result;
    }

    /** Reads these settings into {@code read}, which collects their problems (see {@link Settings#validate}). */
    public static AgentSettings read(Settings.Reader read) {
        var result = new AgentSettings(
                read.string("AGENT_TABLE_PREFIX", "agent"),
                read.integer("AGENT_MAX_TOOL_ROUNDS", 4),
                read.integer("AGENT_HISTORY_TOKENS", 3000),
                read.integer("AGENT_MAX_OUTPUT_TOKENS", 600),
                read.duration("AGENT_TURN_LEASE", Duration.ofMinutes(2)),
                read.string("AGENT_ONNX_VARIANT", "int8"),
                read.integer("AGENT_KNOWLEDGE_TOP_K", 3),
                read.integer("AGENT_MAX_MESSAGE_CHARS", 4000));
        List<String> problems = new ArrayList<>();
        if (!result.tablePrefix.matches("[A-Za-z][A-Za-z0-9]{0,40}")) {
            problems.add("AGENT_TABLE_PREFIX must be a letter then up to 40 letters or digits");
        }
        check(problems, result.maxToolRounds, 1, 10, "AGENT_MAX_TOOL_ROUNDS");
        check(problems, result.historyTokens, 200, 100_000, "AGENT_HISTORY_TOKENS");
        check(problems, result.maxOutputTokens, 16, 16_000, "AGENT_MAX_OUTPUT_TOKENS");
        check(problems, result.knowledgeTopK, 1, 10, "AGENT_KNOWLEDGE_TOP_K");
        check(problems, result.maxMessageChars, 1, 32_000, "AGENT_MAX_MESSAGE_CHARS");
        if (result.turnLease.isNegative() || result.turnLease.isZero()) {
            problems.add("AGENT_TURN_LEASE must be a positive duration");
        }
        if (!result.onnxVariant.equalsIgnoreCase("int8") && !result.onnxVariant.equalsIgnoreCase("fp32")) {
            problems.add("AGENT_ONNX_VARIANT must be int8 or fp32");
        }
        problems.forEach(read::problem);
        return result;
    }

    public String table(String name) {
        return tablePrefix + name;
    }

    private static void check(List<String> problems, int value, int min, int max, String key) {
        if (value < min || value > max) {
            problems.add(key + " must be between " + min + " and " + max + ", not " + value);
        }
    }
}
