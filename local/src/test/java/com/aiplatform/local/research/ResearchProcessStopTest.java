package com.aiplatform.local.research;

import com.aiplatform.local.LocalPlatform;
import com.aiplatform.local.RunningPlatform;
import com.aiplatform.shared.azurite.Azurite;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A research worker stopped mid-step for real: the research app runs in a process of its own, its steps
 * hang in their knowledge search (a server that never answers), and the test kills the process
 * (SIGKILL: no shutdown, no settling of messages). A new platform on the same storage then finds the step
 * messages again once their lease ends, takes over the lapsed claims and completes the task.
 */
class ResearchProcessStopTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration LEASE = Duration.ofSeconds(6);
    private static final Duration CLAIM = Duration.ofSeconds(5);
    private static final String TENANT = "acme";

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void should_complete_the_task_when_the_process_running_its_steps_is_killed(@TempDir Path first,
                                                                               @TempDir Path second) throws Exception {
        try (Azurite azurite = Azurite.startInMemory(); SilentServer knowledge = new SilentServer()) {
            Process worker = startResearchProcess(azurite.connectionString(), knowledge.url(), first);
            String taskId;
            try {
                String base = awaitReady(worker);
                JsonNode accepted = body(send(base, "POST", "/api/v1/research/tasks",
                        Map.of("question", "How long do refunds take, and what does the warranty cover?",
                                "maxSubquestions", 3), 202));
                taskId = accepted.get("id").asText();
                await().atMost(Duration.ofSeconds(60)).until(() -> states(body(send(base, "GET",
                        "/api/v1/research/tasks/" + taskId, null, 200))).contains("running"));
            } finally {
                worker.destroyForcibly();
                assertThat(worker.waitFor(30, TimeUnit.SECONDS)).isTrue();
            }

            // The answer goes into the new platform's knowledge before research runs there: its steps reappear as
            // soon as their lease lapses, which may be before a loaded machine has started the whole platform.
            try (RunningPlatform knowledgeOnly = LocalPlatform.builder()
                    .storageConnectionString(azurite.connectionString()).dataDir(second).port(0)
                    .apps(Set.of("knowledge")).gateway(new TenantHeaderGateway())
                    .settings(Map.of("ONNX_EMBEDDING_VARIANT", "int8")).build().start()) {
                send(knowledgeOnly.baseUrl(), "POST", "/api/v1/knowledge/documents", Map.of("documentId", "returns",
                        "title", "Returns", "text", "Refunds reach the original card within five business days after "
                                + "the return arrives. The warranty covers manufacturing defects for two years."), 201);
            }

            try (RunningPlatform platform = LocalPlatform.builder().storageConnectionString(azurite.connectionString())
                    .dataDir(second).port(0).apps(Set.of("knowledge", "research")).gateway(new TenantHeaderGateway())
                    .settings(Map.of("ONNX_EMBEDDING_VARIANT", "int8", "RESEARCH_CLAIM_TIMEOUT", CLAIM.toString()))
                    .build().start()) {
                String base = platform.baseUrl();
                JsonNode stopped = body(send(base, "GET", "/api/v1/research/tasks/" + taskId, null, 200));
                assertThat(stopped.get("status").asText()).as("nothing settled the killed worker's steps")
                        .isEqualTo("researching");

                await().atMost(Duration.ofSeconds(120)).until(() -> body(send(base, "GET",
                        "/api/v1/research/tasks/" + taskId, null, 200)).get("status").asText().equals("completed"));

                JsonNode done = body(send(base, "GET", "/api/v1/research/tasks/" + taskId, null, 200));
                assertThat(states(done)).containsOnly("completed");
                assertThat(done.get("subQuestions")).as("the steps the killed worker held were run again")
                        .anySatisfy(step -> assertThat(step.get("attempts").asInt()).isGreaterThanOrEqualTo(2));
                assertThat(done.get("report").get("text").asText()).contains("[1]");
            }
        }
    }

    private static Process startResearchProcess(String storage, String knowledgeUrl, Path data) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), ResearchProcess.class.getName(),
                storage, knowledgeUrl, data.toString(), LEASE.toString(), CLAIM.toString())
                .redirectErrorStream(true).start();
    }

    /** Reads the process's output (all of it, so that it never blocks on a full pipe) until it says it is ready. */
    private static String awaitReady(Process process) throws Exception {
        CompletableFuture<String> ready = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (var lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    if (line.startsWith(ResearchProcess.READY)) {
                        ready.complete(line.substring(ResearchProcess.READY.length()).trim());
                    }
                }
                ready.completeExceptionally(new IllegalStateException("The research process ended before it was ready"));
            } catch (IOException e) {
                ready.completeExceptionally(e);
            }
        }, "research-process-output");
        reader.setDaemon(true);
        reader.start();
        return ready.get(90, TimeUnit.SECONDS);
    }

    private static List<String> states(JsonNode task) {
        return StreamSupport.stream(task.path("subQuestions").spliterator(), false)
                .map(step -> step.get("state").asText()).toList();
    }

    private HttpResponse<String> send(String base, String method, String path, Object body, int expected)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .header(TenantHeaderGateway.TEST_TENANT, TENANT)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isEqualTo(expected);
        return response;
    }

    private static JsonNode body(HttpResponse<String> response) throws IOException {
        return JSON.readTree(response.body());
    }

    /** Accepts connections on loopback and never answers: a knowledge API that hangs. */
    private static final class SilentServer implements AutoCloseable {
        private final ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        private final List<Socket> held = new ArrayList<>();

        SilentServer() throws IOException {
            Thread acceptor = new Thread(() -> {
                while (!socket.isClosed()) {
                    try {
                        Socket connection = socket.accept();
                        synchronized (held) {
                            held.add(connection);
                        }
                    } catch (IOException closed) {
                        return;
                    }
                }
            }, "silent-knowledge");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        String url() {
            return "http://127.0.0.1:" + socket.getLocalPort();
        }

        @Override
        public void close() throws IOException {
            socket.close();
            synchronized (held) {
                for (Socket connection : held) {
                    connection.close();
                }
            }
        }
    }
}
