package com.aiplatform.local.discovery;

/** What starts a function, as the Maven plugin would write it into the function's function.json. */
public sealed interface TriggerBinding permits HttpBinding, QueueBinding, EventGridBinding {
}
