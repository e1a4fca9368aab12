package com.aiplatform.knowledge.api;

import com.aiplatform.knowledge.ingestion.Ingestion;
import com.aiplatform.knowledge.ingestion.IngestionJob;
import com.aiplatform.knowledge.ingestion.IngestionService;
import com.aiplatform.shared.functions.HttpResponses;
import com.aiplatform.shared.functions.RequestBodies;
import com.aiplatform.shared.identity.GatewayHeaders;
import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.annotation.AuthorizationLevel;
import com.microsoft.azure.functions.annotation.BindingName;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.HttpTrigger;
import com.microsoft.azure.functions.annotation.QueueTrigger;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** Ingestions off the request path: a batch of documents, the status of one, and the queue worker. */
public final class IngestionFunctions {

    /** host.json's {@code queues.maxDequeueCount}: the last attempt marks the ingestion failed before it is poisoned. */
    static final long MAX_ATTEMPTS = 5;
    static final int RETRY_AFTER_SECONDS = 2;

    private final IngestionService ingestions;
    private final long maxDocumentBytes;

    public IngestionFunctions(IngestionService ingestions, long maxDocumentBytes) {
        this.ingestions = ingestions;
        this.maxDocumentBytes = maxDocumentBytes;
    }

    @FunctionName("knowledgeIngestBatch")
    public HttpResponseMessage batch(
            @HttpTrigger(name = "request", methods = {HttpMethod.POST}, route = "v1/knowledge/ingestions",
                    authLevel = AuthorizationLevel.FUNCTION, dataType = "binary")
            HttpRequestMessage<Optional<byte[]>> request, ExecutionContext context) {
        return HttpResponses.handle(request, () -> {
            var call = Calls.context(request, context.getInvocationId());
            var uploads = DocumentUploads.batch(RequestBodies.bytes(request, maxDocumentBytes));
            var views = ingestions.submitAll(call, uploads).stream().map(IngestionView::of).toList();
            return HttpResponses.accepted(request, null, Optional.of(Duration.ofSeconds(RETRY_AFTER_SECONDS)),
                    Map.of("ingestions", views));
        });
    }

    @FunctionName("knowledgeGetIngestion")
    public HttpResponseMessage get(
            @HttpTrigger(name = "request", methods = {HttpMethod.GET}, route = "v1/knowledge/ingestions/{ingestionId}",
                    authLevel = AuthorizationLevel.FUNCTION)
            HttpRequestMessage<Optional<String>> request,
            @BindingName("ingestionId") String ingestionId) {
        return HttpResponses.handle(request, () -> {
            var caller = GatewayHeaders.callerFrom(request.getHeaders());
            return HttpResponses.ok(request, IngestionView.of(ingestions.get(caller, ingestionId)));
        });
    }

    @FunctionName("knowledgeRunIngestion")
    public void run(
            @QueueTrigger(name = "message", queueName = "%KNOWLEDGE_INGESTION_QUEUE%", connection = "AzureWebJobsStorage")
            String message, @BindingName("DequeueCount") long dequeueCount) {
        ingestions.run(IngestionJob.parse(message), dequeueCount, MAX_ATTEMPTS);
    }

    /** The 202 of one queued document: where its status is, and when to look. */
    static HttpResponseMessage accepted(HttpRequestMessage<?> request, Ingestion ingestion) {
        return HttpResponses.accepted(request, IngestionView.location(ingestion.ingestionId()),
                Optional.of(Duration.ofSeconds(RETRY_AFTER_SECONDS)), IngestionView.of(ingestion));
    }
}
