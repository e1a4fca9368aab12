package com.aiplatform.knowledge.api;

import com.aiplatform.knowledge.documents.DocumentService;
import com.aiplatform.knowledge.documents.IngestResult;
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

import java.util.Map;
import java.util.Optional;

/**
 * HTTP functions for documents: ingest, list, get, delete. An ingest above the synchronous limit, or with
 * {@code Prefer: respond-async}, is queued and answered 202 with the location of its ingestion.
 */
public final class DocumentFunctions {

    private final DocumentService documents;
    private final IngestionService ingestions;
    private final long maxDocumentBytes;

    public DocumentFunctions(DocumentService documents, IngestionService ingestions, long maxDocumentBytes) {
        this.documents = documents;
        this.ingestions = ingestions;
        this.maxDocumentBytes = maxDocumentBytes;
    }

    @FunctionName("knowledgeIngestDocument")
    public HttpResponseMessage ingest(
            @HttpTrigger(name = "request", methods = {HttpMethod.POST}, route = "v1/knowledge/documents",
                    authLevel = AuthorizationLevel.FUNCTION, dataType = "binary")
            HttpRequestMessage<Optional<byte[]>> request, ExecutionContext context) {
        return HttpResponses.handle(request, () -> {
            var call = Calls.context(request, context.getInvocationId());
            byte[] body = RequestBodies.bytes(request, maxDocumentBytes);
            var upload = DocumentUploads.read(RequestBodies.header(request.getHeaders(), "content-type"), body,
                    request.getQueryParameters());
            if (ingestions.queues(upload, RequestBodies.header(request.getHeaders(), "prefer"))) {
                return IngestionFunctions.accepted(request, ingestions.submit(call, upload));
            }
            IngestResult result = documents.ingest(call, upload);
            if (result.outcome() == IngestResult.Outcome.CREATED) {
                return HttpResponses.created(request,
                        "/api/v1/knowledge/documents/" + result.document().documentId(), DocumentView.of(result));
            }
            return HttpResponses.ok(request, DocumentView.of(result));
        });
    }

    @FunctionName("knowledgeListDocuments")
    public HttpResponseMessage list(
            @HttpTrigger(name = "request", methods = {HttpMethod.GET}, route = "v1/knowledge/documents",
                    authLevel = AuthorizationLevel.FUNCTION)
            HttpRequestMessage<Optional<String>> request) {
        return HttpResponses.handle(request, () -> {
            var caller = GatewayHeaders.callerFrom(request.getHeaders());
            var views = documents.list(caller).stream().map(DocumentView::of).toList();
            return HttpResponses.ok(request, Map.of("documents", views));
        });
    }

    @FunctionName("knowledgeGetDocument")
    public HttpResponseMessage get(
            @HttpTrigger(name = "request", methods = {HttpMethod.GET}, route = "v1/knowledge/documents/{documentId}",
                    authLevel = AuthorizationLevel.FUNCTION)
            HttpRequestMessage<Optional<String>> request,
            @BindingName("documentId") String documentId) {
        return HttpResponses.handle(request, () -> {
            var caller = GatewayHeaders.callerFrom(request.getHeaders());
            return HttpResponses.ok(request, DocumentView.of(documents.get(caller, documentId)));
        });
    }

    @FunctionName("knowledgeDeleteDocument")
    public HttpResponseMessage delete(
            @HttpTrigger(name = "request", methods = {HttpMethod.DELETE}, route = "v1/knowledge/documents/{documentId}",
                    authLevel = AuthorizationLevel.FUNCTION)
            HttpRequestMessage<Optional<String>> request,
            @BindingName("documentId") String documentId, ExecutionContext context) {
        return HttpResponses.handle(request, () -> {
            documents.delete(Calls.context(request, context.getInvocationId()), documentId);
            return HttpResponses.noContent(request);
        });
    }
}
