package com.aiplatform.local.sample;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.annotation.BindingName;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.QueueTrigger;

/**
 * A queue function whose message says how it should behave: {@code ok}, {@code fail-until-N} (fails
 * while the dequeue count is below N) or {@code always-fail}.
 */
public final class SampleQueueFunctions {

    private final Recorder recorder;

    SampleQueueFunctions(Recorder recorder) {
        this.recorder = recorder;
    }

    @FunctionName("sampleWork")
    public void work(@QueueTrigger(name = "message", queueName = "%SAMPLE_QUEUE%") String message,
                     @BindingName("DequeueCount") long dequeueCount,
                     @BindingName("Id") String id,
                     @BindingName("InsertionTime") String insertionTime,
                     ExecutionContext context) {
        boolean fail = message.equals("always-fail")
                || message.startsWith("fail-until-") && dequeueCount < Long.parseLong(message.substring(11));
        recorder.queueCall(new Recorder.QueueCall(message, dequeueCount, id, insertionTime, !fail));
        if (fail) {
            throw new IllegalStateException("failing on purpose, attempt " + dequeueCount);
        }
        context.getLogger().info("processed " + message);
    }
}
