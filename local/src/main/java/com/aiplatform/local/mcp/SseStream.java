package com.aiplatform.local.mcp;

import com.aiplatform.shared.json.Json;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Server-sent events as the Streamable HTTP transport uses them: each JSON-RPC message is one {@code message}
 * event whose data is the message's JSON (one {@code data:} line per line, so a multi-line JSON cannot break the
 * framing), flushed at once; a keep-alive is a comment line, which clients ignore.
 */
public final class SseStream implements McpStream {

    public static final String CONTENT_TYPE = "text/event-stream";

    private final OutputStream out;

    public SseStream(OutputStream out) {
        this.out = out;
    }

    @Override
    public void send(ObjectNode message) {
        write(event(Json.write(message)));
    }

    @Override
    public void keepAlive() {
        write(": waiting\n\n");
    }

    static String event(String data) {
        StringBuilder event = new StringBuilder("event: message\n");
        for (String line : data.split("\r\n|\r|\n", -1)) {
            event.append("data: ").append(line).append('\n');
        }
        return event.append('\n').toString();
    }

    private void write(String text) {
        try {
            out.write(text.getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException e) {
            throw new ClientGone(e);
        }
    }
}
