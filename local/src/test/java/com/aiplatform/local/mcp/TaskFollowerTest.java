package com.aiplatform.local.mcp;

import com.aiplatform.local.gateway.GatewayDefinition;
import com.aiplatform.shared.json.Json;
import com.aiplatform.testing.time.ManualClock;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** research_run through the server: the start, the reads of the task, the progress and the answer. */
class TaskFollowerTest {

    private static final Map<String, String> CALLER = Map.of("ocp-apim-subscription-key", "key-1");
    private static final String STARTED = "{\"id\":\"t1\",\"status\":\"queued\",\"location\":\"/api/v1/research/tasks/t1\"}";

    /** Answers the start with {@code start}, each read of the task with the next of {@code reads} (the last again). */
    private static final class ScriptedCaller implements ToolCaller {
        final List<String> calls = new ArrayList<>();
        final List<Map<String, String>> headers = new ArrayList<>();
        final Deque<Response> reads = new ArrayDeque<>();
        /** When each call came, when a test sets {@link #clock}. */
        final List<Instant> at = new ArrayList<>();
        Response start = new Response(202, "application/json", STARTED);
        java.time.Clock clock;

        @Override
        public Response call(String method, String pathAndQuery, Optional<String> jsonBody, Map<String, String> h) {
            calls.add(method + " " + pathAndQuery);
            if (clock != null) {
                at.add(clock.instant());
            }
            headers.add(h);
            if (method.equals("POST")) {
                return start;
            }
            return reads.size() > 1 ? reads.poll() : reads.peek();
        }

        void reads(String... tasks) {
            for (String task : tasks) {
                reads.add(new Response(200, "application/json", task));
            }
        }
    }

    /** Records what was sent on the stream; the client leaves after {@code keepAlivesBeforeLeaving}. */
    private static final class RecordingStream implements McpStream {
        final List<ObjectNode> sent = new ArrayList<>();
        int keepAlives;
        int keepAlivesBeforeLeaving = Integer.MAX_VALUE;

        @Override
        public void send(ObjectNode message) {
            sent.add(message);
        }

        @Override
        public void keepAlive() {
            if (++keepAlives > keepAlivesBeforeLeaving) {
                throw new ClientGone(new java.io.IOException("Broken pipe"));
            }
        }
    }

    private final ScriptedCaller caller = new ScriptedCaller();
    private final ManualClock clock = new ManualClock(Instant.parse("2026-12-03T12:00:00Z"));
    private final RecordingStream stream = new RecordingStream();
    private final McpServer server = new McpServer("test",
            OpenApiTools.fromClassPath(GatewayDefinition.load(), Set.of("research")), caller, clock, clock::advance);

    @Test
    void should_report_each_increase_of_progress_and_answer_the_report_when_the_task_completes() {
        caller.reads(task("planning", 0), task("researching", 40), task("researching", 40), task("synthesizing", 80),
                "{\"id\":\"t1\",\"status\":\"completed\",\"percentComplete\":100,\"report\":{\"text\":\"45 days [1]\"}}");

        JsonNode response = run("{\"question\":\"How long?\"}", "tok-1");

        assertThat(stream.sent).extracting(n -> n.path("params").path("progress").asInt()).containsExactly(0, 40, 80, 100);
        assertThat(stream.sent).allSatisfy(n -> {
            assertThat(n.path("method").asText()).isEqualTo("notifications/progress");
            assertThat(n.path("params").path("progressToken").asText()).isEqualTo("tok-1");
            assertThat(n.path("params").path("total").asInt()).isEqualTo(100);
        });
        assertThat(stream.sent.get(1).path("params").path("message").asText()).isEqualTo("researching, 40% done");
        JsonNode result = response.path("result");
        assertThat(result.path("isError").asBoolean()).as(result.toString()).isFalse();
        assertThat(result.path("structuredContent").path("text").asText()).isEqualTo("45 days [1]");
        assertThat(caller.calls).first().isEqualTo("POST /api/v1/research/tasks");
        assertThat(caller.calls).hasSize(6).last().isEqualTo("GET /api/v1/research/tasks/t1");
        assertThat(caller.headers).allSatisfy(h -> assertThat(h).isEqualTo(CALLER));
    }

    @Test
    void should_send_nothing_before_the_answer_when_the_client_asked_for_no_progress() {
        caller.reads(task("researching", 50),
                "{\"id\":\"t1\",\"status\":\"completed\",\"percentComplete\":100,\"report\":{\"text\":\"R\"}}");

        JsonNode response = run("{\"question\":\"How long?\"}", null);

        assertThat(stream.sent).isEmpty();
        assertThat(response.path("result").path("structuredContent").path("text").asText()).isEqualTo("R");
    }

    @Test
    void should_answer_that_the_task_goes_on_when_the_wait_is_over() {
        caller.reads(task("researching", 10));

        JsonNode result = run("{\"question\":\"How long?\",\"maxWaitSeconds\":2}", 5).path("result");

        assertThat(result.path("isError").asBoolean()).isTrue();
        assertThat(result.path("content").get(0).path("text").asText())
                .contains("The task t1 is still researching after 2 s and goes on", "GET /api/v1/research/tasks/t1");
        assertThat(result.path("structuredContent").path("status").asText()).isEqualTo("researching");
        assertThat(caller.calls).hasSize(1 + 2); // the start, then a read every second (gateway.json) for 2 s
        assertThat(stream.sent).extracting(n -> n.path("params").path("progressToken").asInt()).containsExactly(5, 5);
    }

    @Test
    void should_read_less_often_while_the_progress_stands_still_and_at_the_interval_again_once_it_rises() {
        caller.clock = clock;
        Instant start = clock.instant();
        caller.reads(task("researching", 10), task("researching", 10), task("researching", 10),
                task("researching", 10), task("researching", 10), task("researching", 10), task("synthesizing", 80),
                task("synthesizing", 80));

        run("{\"question\":\"How long?\",\"maxWaitSeconds\":60}", "tok");

        // the start, then reads after 1 s (a rise from 0), 1, 2, 4, 8 s and 8 s (the longest wait, 8 intervals),
        // 8 s more, where the progress rises and the wait is 1 s again, then 2, 4, 8, 8 s, and the 5 s left of the
        // wait: 13 reads in 60 s where a read each second made 60
        assertThat(caller.at).extracting(t -> java.time.Duration.between(start, t).toSeconds())
                .containsExactly(0L, 1L, 2L, 4L, 8L, 16L, 24L, 32L, 33L, 35L, 39L, 47L, 55L, 60L);
    }

    @Test
    void should_stop_reading_the_task_when_the_client_goes_away() {
        caller.reads(task("researching", 10));
        stream.keepAlivesBeforeLeaving = 3;

        assertThatThrownBy(() -> run("{\"question\":\"How long?\"}", "tok")).isInstanceOf(McpStream.ClientGone.class);
        assertThat(caller.calls).hasSize(1 + 3);
    }

    @Test
    void should_answer_the_refusal_without_waiting_when_the_start_is_refused() {
        caller.start = new ToolCaller.Response(402, "application/problem+json",
                "{\"type\":\"budget-exceeded\",\"title\":\"Budget exceeded\",\"status\":402}");

        JsonNode result = run("{\"question\":\"How long?\"}", "tok").path("result");

        assertThat(result.path("isError").asBoolean()).isTrue();
        assertThat(result.path("content").get(0).path("text").asText()).contains("\"status\":402");
        assertThat(caller.calls).hasSize(1);
        assertThat(stream.sent).isEmpty();
    }

    @Test
    void should_answer_invalid_params_without_starting_when_the_wait_is_over_the_cap() {
        JsonNode tooLong = run("{\"question\":\"How long?\",\"maxWaitSeconds\":601}", "tok");
        JsonNode notANumber = run("{\"question\":\"How long?\",\"maxWaitSeconds\":\"soon\"}", "tok");

        assertThat(tooLong.path("error").path("code").asInt()).as(tooLong.toString()).isEqualTo(-32602);
        assertThat(tooLong.path("error").path("message").asText()).contains("from 1 to 600");
        assertThat(notANumber.path("error").path("code").asInt()).isEqualTo(-32602);
        assertThat(caller.calls).isEmpty();
    }

    @Test
    void should_stream_only_calls_of_a_following_tool_that_carry_a_progress_token() {
        assertThat(server.streams(call("research_run", "{\"question\":\"q\"}", "tok"))).isTrue();
        assertThat(server.streams(call("research_run", "{\"question\":\"q\"}", 3))).isTrue();
        assertThat(server.streams(call("research_run", "{\"question\":\"q\"}", null))).isFalse();
        assertThat(server.streams(call("research_status", "{\"taskId\":\"t1\"}", "tok"))).isFalse();
    }

    private JsonNode run(String arguments, Object token) {
        return server.handle(call("research_run", arguments, token), CALLER, Optional.of(stream)).orElseThrow();
    }

    private static JsonNode call(String tool, String arguments, Object token) {
        String meta = token == null ? "" : ",\"_meta\":{\"progressToken\":" + Json.write(token) + "}";
        return Json.tree("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"" + tool
                + "\",\"arguments\":" + arguments + meta + "}}");
    }

    private static String task(String status, int percent) {
        return "{\"id\":\"t1\",\"status\":\"" + status + "\",\"percentComplete\":" + percent + "}";
    }
}
