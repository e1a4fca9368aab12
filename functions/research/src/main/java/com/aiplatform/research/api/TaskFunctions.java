package com.aiplatform.research.api;

import com.aiplatform.research.tasks.CreateTaskRequest;
import com.aiplatform.research.tasks.Task;
import com.aiplatform.research.work.TaskRequests;
import com.aiplatform.research.work.TaskService;
import com.aiplatform.shared.functions.HttpResponses;
import com.aiplatform.shared.functions.RequestBodies;
import com.aiplatform.shared.identity.GatewayHeaders;
import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.annotation.AuthorizationLevel;
import com.microsoft.azure.functions.annotation.BindingName;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.HttpTrigger;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** HTTP functions for research tasks: start, status, progress events, cancel, list. */
public final class TaskFunctions {

    static final long MAX_REQUEST_BYTES = 32 * 1024;
    /** How long a client should wait before its first status poll. */
    static final int RETRY_AFTER_SECONDS = 2;

    private final TaskService tasks;

    public TaskFunctions(TaskService tasks) {
        this.tasks = tasks;
    }

    static String location(String id) {
        return "/api/v1/research/tasks/" + id;
    }

    @FunctionName("researchCreateTask")
    public HttpResponseMessage create(
            @HttpTrigger(name = "request", methods = {HttpMethod.POST}, route = "v1/research/tasks",
                    authLevel = AuthorizationLevel.FUNCTION, dataType = "binary")
            HttpRequestMessage<Optional<byte[]>> request) {
        return HttpResponses.handle(request, () -> {
            var caller = GatewayHeaders.callerFrom(request.getHeaders());
            var body = RequestBodies.json(request, CreateTaskRequest.class, MAX_REQUEST_BYTES);
            Task task = tasks.create(caller, body, GatewayHeaders.header(request.getHeaders(), "idempotency-key"),
                    Calls.traceparent(request));
            return accepted(request, task);
        });
    }

    @FunctionName("researchGetTask")
    public HttpResponseMessage get(
            @HttpTrigger(name = "request", methods = {HttpMethod.GET}, route = "v1/research/tasks/{taskId}",
                    authLevel = AuthorizationLevel.FUNCTION)
            HttpRequestMessage<Optional<String>> request, @BindingName("taskId") String taskId) {
        return HttpResponses.handle(request, () -> {
            var caller = GatewayHeaders.callerFrom(request.getHeaders());
            return HttpResponses.ok(request, TaskView.of(tasks.get(caller, taskId)));
        });
    }

    @FunctionName("researchTaskEvents")
    public HttpResponseMessage events(
            @HttpTrigger(name = "request", methods = {HttpMethod.GET}, route = "v1/research/tasks/{taskId}/events",
                    authLevel = AuthorizationLevel.FUNCTION)
            HttpRequestMessage<Optional<String>> request, @BindingName("taskId") String taskId) {
        return HttpResponses.handle(request, () -> {
            var caller = GatewayHeaders.callerFrom(request.getHeaders());
            long after = TaskRequests.cursor(request.getQueryParameters().get("after"));
            return HttpResponses.ok(request, EventsView.of(tasks.find(caller, taskId),
                    tasks.events(caller, taskId, after), after));
        });
    }

    @FunctionName("researchCancelTask")
    public HttpResponseMessage cancel(
            @HttpTrigger(name = "request", methods = {HttpMethod.DELETE}, route = "v1/research/tasks/{taskId}",
                    authLevel = AuthorizationLevel.FUNCTION)
            HttpRequestMessage<Optional<String>> request, @BindingName("taskId") String taskId) {
        return HttpResponses.handle(request, () -> {
            var caller = GatewayHeaders.callerFrom(request.getHeaders());
            return accepted(request, tasks.cancel(caller, taskId));
        });
    }

    @FunctionName("researchListTasks")
    public HttpResponseMessage list(
            @HttpTrigger(name = "request", methods = {HttpMethod.GET}, route = "v1/research/tasks",
                    authLevel = AuthorizationLevel.FUNCTION)
            HttpRequestMessage<Optional<String>> request) {
        return HttpResponses.handle(request, () -> {
            var caller = GatewayHeaders.callerFrom(request.getHeaders());
            var status = Optional.ofNullable(request.getQueryParameters().get("status")).filter(s -> !s.isBlank())
                    .map(TaskRequests::status);
            return HttpResponses.ok(request, Map.of("tasks", tasks.list(caller, status).stream()
                    .map(TaskSummary::of).toList()));
        });
    }

    private static HttpResponseMessage accepted(HttpRequestMessage<?> request, Task task) {
        return HttpResponses.accepted(request, location(task.key().id()),
                Optional.of(Duration.ofSeconds(RETRY_AFTER_SECONDS)),
                Map.of("id", task.key().id(), "status", task.status().wire()));
    }
}
