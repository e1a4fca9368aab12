package com.aiplatform.assistant.api;

import com.aiplatform.assistant.extraction.ExtractionService;
import com.aiplatform.assistant.files.BlobCreatedService;
import com.aiplatform.assistant.files.ExtractionJob;
import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.annotation.BindingName;
import com.microsoft.azure.functions.annotation.EventGridTrigger;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.QueueTrigger;

/**
 * The triggers off the request path: extraction jobs from the queue, and files uploaded straight to the
 * container, announced by Event Grid (Flex Consumption has no polling blob trigger).
 */
public final class ExtractionFunctions {

    /** host.json's {@code queues.maxDequeueCount}: the last attempt marks the file failed instead of throwing. */
    static final long MAX_ATTEMPTS = 5;

    private final ExtractionService extraction;
    private final BlobCreatedService blobCreated;

    public ExtractionFunctions(ExtractionService extraction, BlobCreatedService blobCreated) {
        this.extraction = extraction;
        this.blobCreated = blobCreated;
    }

    @FunctionName("assistantExtractFile")
    public void extract(
            @QueueTrigger(name = "message", queueName = "%ASSISTANT_EXTRACTION_QUEUE%", connection = "AzureWebJobsStorage")
            String message, @BindingName("DequeueCount") long dequeueCount, ExecutionContext context) {
        extraction.run(ExtractionJob.parse(message), dequeueCount, MAX_ATTEMPTS);
    }

    @FunctionName("assistantBlobCreated")
    public void blobCreated(@EventGridTrigger(name = "event") String event, ExecutionContext context) {
        blobCreated.handle(event).ifPresent(fileId ->
                context.getLogger().info("File " + fileId + " announced by Event Grid is queued for extraction"));
    }
}
