package com.aiplatform.bench.coldstart;

import java.util.List;
import java.util.Map;

/**
 * The representative first request of each app: the call a user makes first and the parts it needs (the model for
 * a search, Table and Queue storage for a task). Agent needs a conversation before its first message, so its run
 * makes two calls and is timed to the second; the assistant's first request is an upload (asking needs the
 * extraction, which runs off the request path on a queue).
 */
public record ColdStartRoute(String app, List<Call> calls) {

    /** A call by function name; the entry point comes from the package's function.json. */
    public record Call(String function, String method, String path, String contentType, String body) {
    }

    private static final String JSON = "application/json";

    /** Replaced in a body by an id of its own per run, so that an idempotent write (an upload) is new every time. */
    static final String RUN = "{run}";

    public static final Map<String, ColdStartRoute> ALL = Map.of(
            "knowledge", new ColdStartRoute("knowledge", List.of(new Call("knowledgeSearch", "POST",
                    "/api/v1/knowledge/search", JSON, "{\"query\":\"How long does express delivery take?\"}"))),
            "agent", new ColdStartRoute("agent", List.of(
                    new Call("agentCreateConversation", "POST", "/api/v1/agent/conversations", JSON, "{}"),
                    new Call("agentSendMessage", "POST", "/api/v1/agent/conversations/{conversationId}/messages", JSON,
                            "{\"text\":\"Where is my order?\"}"))),
            "assistant", new ColdStartRoute("assistant", List.of(new Call("assistantUploadFile", "POST",
                    "/api/v1/assistant/files?fileName=notes.txt", "text/plain",
                    "Express delivery takes two working days. Run " + RUN))),
            "platform", new ColdStartRoute("platform", List.of(
                    new Call("platformUsage", "GET", "/api/v1/platform/usage", "", ""))),
            "research", new ColdStartRoute("research", List.of(new Call("researchCreateTask", "POST",
                    "/api/v1/research/tasks", JSON, "{\"question\":\"How long does express delivery take?\"}"))),
            "llm", new ColdStartRoute("llm", List.of(new Call("llmChatCompletions", "POST",
                    "/api/v1/llm/v1/chat/completions", JSON,
                    "{\"model\":\"extractive-offline\",\"messages\":[{\"role\":\"user\",\"content\":\"Say hello.\"}]}"))));

    /** The order the table prints. */
    public static final List<String> APPS = List.of("platform", "research", "llm", "knowledge", "agent", "assistant");

    public List<HarnessCall> harnessCalls(AppPackage appPackage, String runId) {
        return calls.stream().map(call -> new HarnessCall(call.function(), appPackage.entryPoint(call.function()),
                call.method(), call.path(), call.contentType(), call.body().replace(RUN, runId))).toList();
    }

    /** The function whose package entry names the app's jar. */
    public String firstFunction() {
        return calls.get(0).function();
    }
}
