package com.aiplatform.local.invoke;

import java.time.Duration;

/**
 * One finished function run, as the host saw it: which function, the trigger's value when it is text (a queue
 * message body, an event's JSON; null for HTTP), how long the method ran, whether it returned normally, and the
 * W3C {@code traceparent} it ran under (null when the host gave it no execution context of its own).
 */
public record Invocation(String function, String input, Duration duration, boolean succeeded, String traceparent) {
}
