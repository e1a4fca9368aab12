package com.aiplatform.assistant.api;

import com.aiplatform.assistant.answers.PublishService;
import com.aiplatform.assistant.files.FileService;
import com.aiplatform.assistant.files.UploadResult;
import com.aiplatform.shared.blob.Blob;
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

/** HTTP functions for files: upload, list, read (status and extraction), original bytes, delete. */
public final class FileFunctions {

    private final FileService files;
    private final PublishService publisher;
    private final long maxFileBytes;

    public FileFunctions(FileService files, PublishService publisher, long maxFileBytes) {
        this.files = files;
        this.publisher = publisher;
        this.maxFileBytes = maxFileBytes;
    }

    @FunctionName("assistantUploadFile")
    public HttpResponseMessage upload(
            @HttpTrigger(name = "request", methods = {HttpMethod.POST}, route = "v1/assistant/files",
                    authLevel = AuthorizationLevel.FUNCTION, dataType = "binary")
            HttpRequestMessage<Optional<byte[]>> request, ExecutionContext context) {
        return HttpResponses.handle(request, () -> {
            var call = Calls.context(request, context.getInvocationId());
            byte[] body = RequestBodies.bytes(request, maxFileBytes);
            var upload = Uploads.read(RequestBodies.header(request.getHeaders(), "content-type"), body,
                    request.getQueryParameters());
            UploadResult result = files.upload(call, upload);
            FileView view = FileView.of(result.file(), Optional.empty());
            if (!result.created()) {
                return HttpResponses.ok(request, view);
            }
            return HttpResponses.accepted(request, view.links().self(), Optional.empty(), view);
        });
    }

    @FunctionName("assistantListFiles")
    public HttpResponseMessage list(
            @HttpTrigger(name = "request", methods = {HttpMethod.GET}, route = "v1/assistant/files",
                    authLevel = AuthorizationLevel.FUNCTION)
            HttpRequestMessage<Optional<String>> request) {
        return HttpResponses.handle(request, () -> {
            var caller = GatewayHeaders.callerFrom(request.getHeaders());
            var views = files.list(caller.tenant()).stream().map(f -> FileView.of(f, Optional.empty())).toList();
            return HttpResponses.ok(request, Map.of("files", views));
        });
    }

    @FunctionName("assistantGetFile")
    public HttpResponseMessage get(
            @HttpTrigger(name = "request", methods = {HttpMethod.GET}, route = "v1/assistant/files/{fileId}",
                    authLevel = AuthorizationLevel.FUNCTION)
            HttpRequestMessage<Optional<String>> request,
            @BindingName("fileId") String fileId) {
        return HttpResponses.handle(request, () -> {
            var caller = GatewayHeaders.callerFrom(request.getHeaders());
            var record = files.get(caller.tenant(), fileId);
            return HttpResponses.ok(request, FileView.of(record, files.extraction(record)));
        });
    }

    @FunctionName("assistantGetFileContent")
    public HttpResponseMessage content(
            @HttpTrigger(name = "request", methods = {HttpMethod.GET}, route = "v1/assistant/files/{fileId}/content",
                    authLevel = AuthorizationLevel.FUNCTION)
            HttpRequestMessage<Optional<String>> request,
            @BindingName("fileId") String fileId) {
        return HttpResponses.handle(request, () -> {
            var caller = GatewayHeaders.callerFrom(request.getHeaders());
            Blob original = files.content(caller.tenant(), fileId);
            return HttpResponses.content(request, original.contentType(), original.content());
        });
    }

    @FunctionName("assistantDeleteFile")
    public HttpResponseMessage delete(
            @HttpTrigger(name = "request", methods = {HttpMethod.DELETE}, route = "v1/assistant/files/{fileId}",
                    authLevel = AuthorizationLevel.FUNCTION)
            HttpRequestMessage<Optional<String>> request,
            @BindingName("fileId") String fileId) {
        return HttpResponses.handle(request, () -> {
            publisher.delete(GatewayHeaders.callerFrom(request.getHeaders()), fileId);
            return HttpResponses.noContent(request);
        });
    }
}
