package com.aiplatform.local.discovery;

/** An {@code @EventGridTrigger}: it receives every event published on the local bus. */
public record EventGridBinding() implements TriggerBinding {
}
