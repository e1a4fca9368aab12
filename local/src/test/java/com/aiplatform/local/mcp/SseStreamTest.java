package com.aiplatform.local.mcp;

import com.aiplatform.shared.json.Json;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SseStreamTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final SseStream stream = new SseStream(out);

    @Test
    void should_write_one_message_event_with_the_json_as_data_when_a_message_is_sent() {
        stream.send((ObjectNode) Json.tree("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/progress\",\"params\":{\"progress\":1}}"));
        stream.send((ObjectNode) Json.tree("{\"jsonrpc\":\"2.0\",\"id\":7,\"result\":{}}"));

        assertThat(written()).isEqualTo("event: message\n"
                + "data: {\"jsonrpc\":\"2.0\",\"method\":\"notifications/progress\",\"params\":{\"progress\":1}}\n\n"
                + "event: message\ndata: {\"jsonrpc\":\"2.0\",\"id\":7,\"result\":{}}\n\n");
    }

    @Test
    void should_put_each_line_on_its_own_data_line_when_the_data_has_line_breaks() {
        assertThat(SseStream.event("{\n \"a\": 1\r\n}")).isEqualTo("event: message\ndata: {\ndata:  \"a\": 1\ndata: }\n\n");
    }

    @Test
    void should_keep_line_breaks_inside_strings_escaped_when_a_message_is_sent() {
        ObjectNode message = Json.mapper().createObjectNode().put("text", "line one\nline two");

        stream.send(message);

        assertThat(written()).isEqualTo("event: message\ndata: {\"text\":\"line one\\nline two\"}\n\n");
    }

    @Test
    void should_write_a_comment_that_clients_ignore_when_keeping_alive() {
        stream.keepAlive();

        assertThat(written()).startsWith(":").endsWith("\n\n").doesNotContain("data:");
    }

    @Test
    void should_throw_client_gone_when_the_connection_is_closed() {
        SseStream closed = new SseStream(new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("Broken pipe");
            }
        });

        assertThatThrownBy(closed::keepAlive).isInstanceOf(McpStream.ClientGone.class).hasRootCauseMessage("Broken pipe");
        assertThatThrownBy(() -> closed.send(Json.mapper().createObjectNode())).isInstanceOf(McpStream.ClientGone.class);
    }

    private String written() {
        return out.toString(StandardCharsets.UTF_8);
    }
}
