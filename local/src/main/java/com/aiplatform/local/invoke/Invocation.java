package com.aiplatform.local.invoke;

import java.time.Duration;

/**
 * One finished function run, as the host saw it: which function, the trigger's value when it is text (a queue
 * message body, an event's JSON; null for HTTP), how long the method ran, and whether it returned normally.
 */
public record Invocation(String function, String input, Duration duration, boolean succeeded) {
}
