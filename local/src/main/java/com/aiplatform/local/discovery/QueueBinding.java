package com.aiplatform.local.discovery;

/**
 * A {@code @QueueTrigger}, its queue name already resolved from settings when it was written as
 * {@code %SETTING_NAME%}.
 */
public record QueueBinding(String queueName, String connection) implements TriggerBinding {
}
