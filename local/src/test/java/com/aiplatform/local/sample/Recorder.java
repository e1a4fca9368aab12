package com.aiplatform.local.sample;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/** Invocations seen by the sample functions. */
public final class Recorder {

    /** One queue invocation: the message body and the metadata the host bound. */
    public record QueueCall(String body, long dequeueCount, String id, String insertionTime, boolean succeeded) {
    }

    private final List<QueueCall> queueCalls = new CopyOnWriteArrayList<>();
    private final List<String> events = new CopyOnWriteArrayList<>();
    private final AtomicBoolean closed = new AtomicBoolean();

    void queueCall(QueueCall call) {
        queueCalls.add(call);
    }

    void event(String cloudEventJson) {
        events.add(cloudEventJson);
    }

    void closed() {
        closed.set(true);
    }

    public List<QueueCall> queueCalls(String body) {
        return queueCalls.stream().filter(c -> c.body().equals(body)).toList();
    }

    public List<String> events() {
        return List.copyOf(events);
    }

    public boolean isClosed() {
        return closed.get();
    }
}
