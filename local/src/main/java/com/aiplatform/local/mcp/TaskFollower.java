package com.aiplatform.local.mcp;

import com.aiplatform.shared.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Runs a following tool: its operation starts a task, then the task is read through the gateway, as the caller,
 * until its status is final or the wait is over: after the tool's interval, and after twice the last wait (up to
 * {@value #MAX_BACKOFF} intervals) while the progress stands still, so that a long step does not spend the caller's
 * rate limit on reads that say nothing new; a rise of the progress brings the interval back. Each rise is reported;
 * the client going away stops the reading. The answer is the tool's result of the task's last state.
 */
final class TaskFollower {

    /** Waits between two reads; the tests' pause advances their clock instead. */
    interface Pause {
        void pause(Duration duration) throws InterruptedException;
    }

    private static final double TOTAL = 100;

    /** The longest wait between two reads, in intervals. */
    static final int MAX_BACKOFF = 8;

    private final ToolCaller caller;
    private final Clock clock;
    private final Pause pause;

    TaskFollower(ToolCaller caller, Clock clock, Pause pause) {
        this.caller = caller;
        this.clock = clock;
        this.pause = pause;
    }

    /** @throws McpStream.ClientGone when the client went away while the task ran */
    ObjectNode run(McpTool tool, ToolRequest start, int maxWaitSeconds, Map<String, String> headers, Progress progress) {
        McpTool.Follow follow = tool.follow().orElseThrow();
        ToolCaller.Response started = caller.call(tool.method(), start.pathAndQuery(), start.body(), headers);
        JsonNode task = json(started);
        String id = task.path("id").asText("");
        if (started.status() >= 400 || id.isEmpty()) {
            return ToolResult.from(tool, started);
        }
        Instant deadline = clock.instant().plusSeconds(maxWaitSeconds);
        double reported = report(task, follow, -1, progress);
        ToolRequest read = ToolRequest.of(follow.read(),
                JsonNodeFactory.instance.objectNode().put(follow.read().pathParameters().get(0), id));
        Duration wait = follow.interval();
        while (true) {
            try {
                pause.pause(atMost(wait, Duration.between(clock.instant(), deadline)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return stillRunning(id, task, "the wait was interrupted", read, started);
            }
            progress.alive();
            ToolCaller.Response polled = caller.call(follow.read().method(), read.pathAndQuery(), Optional.empty(), headers);
            if (polled.status() >= 400) {
                return ToolResult.from(follow.read(), polled);
            }
            task = json(polled);
            double before = reported;
            reported = report(task, follow, reported, progress);
            wait = reported > before ? follow.interval() : atMost(wait.multipliedBy(2),
                    follow.interval().multipliedBy(MAX_BACKOFF));
            if (follow.until().contains(task.path("status").asText())) {
                return ToolResult.from(tool, polled);
            }
            if (!clock.instant().isBefore(deadline)) {
                return stillRunning(id, task, "after " + maxWaitSeconds + " s", read, polled);
            }
        }
    }

    /** The shorter of the two, and never below a millisecond. */
    private static Duration atMost(Duration wait, Duration limit) {
        Duration shorter = wait.compareTo(limit) > 0 ? limit : wait;
        return shorter.compareTo(Duration.ofMillis(1)) < 0 ? Duration.ofMillis(1) : shorter;
    }

    /** Reports the task's progress when it went up since the last report; answers the progress reported. */
    private static double report(JsonNode task, McpTool.Follow follow, double reported, Progress progress) {
        String status = task.path("status").asText("unknown");
        JsonNode value = task.at(follow.progress());
        double now = value.isNumber() ? value.asDouble() : 0;
        if (now <= reported) {
            return reported;
        }
        progress.report(now, TOTAL, status + ", " + Math.round(now) + "% done");
        return now;
    }

    private static ObjectNode stillRunning(String id, JsonNode task, String why, ToolRequest read,
                                           ToolCaller.Response last) {
        ObjectNode result = JsonNodeFactory.instance.objectNode();
        result.putArray("content").addObject().put("type", "text").put("text", "The task " + id + " is still "
                + task.path("status").asText("running") + " " + why + " and goes on; read its state at GET "
                + read.pathAndQuery() + ". Last state: " + last.body());
        result.put("isError", true);
        if (task.isObject()) {
            result.set("structuredContent", task);
        }
        return result;
    }

    private static JsonNode json(ToolCaller.Response response) {
        try {
            JsonNode node = Json.mapper().readTree(response.body());
            return node == null ? JsonNodeFactory.instance.objectNode() : node;
        } catch (IOException e) {
            return JsonNodeFactory.instance.objectNode();
        }
    }
}
