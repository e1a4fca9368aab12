package com.aiplatform.local.sample;

import com.aiplatform.shared.json.Json;
import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.annotation.EventGridTrigger;
import com.microsoft.azure.functions.annotation.FunctionName;

/** Records every event; refuses {@code Sample.Rejected} events every time. */
public final class SampleEventFunctions {

    private final Recorder recorder;

    SampleEventFunctions(Recorder recorder) {
        this.recorder = recorder;
    }

    @FunctionName("onSampleEvent")
    public void onEvent(@EventGridTrigger(name = "event") String event, ExecutionContext context) {
        if ("Sample.Rejected".equals(Json.tree(event).path("type").asText())) {
            throw new IllegalStateException("rejecting on purpose");
        }
        recorder.event(event);
    }
}
