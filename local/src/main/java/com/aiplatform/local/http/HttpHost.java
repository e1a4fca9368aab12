package com.aiplatform.local.http;

import com.aiplatform.local.discovery.FunctionDefinition;
import com.aiplatform.local.discovery.HttpBinding;
import com.aiplatform.local.gateway.Admission;
import com.aiplatform.local.gateway.Gateway;
import com.aiplatform.local.invoke.FunctionInvoker;
import com.aiplatform.local.invoke.LocalExecutionContext;
import com.aiplatform.local.invoke.ValueConverter;
import com.aiplatform.local.mcp.McpHttpEndpoint;
import com.aiplatform.shared.problem.Problem;
import com.aiplatform.shared.problem.ProblemException;
import com.microsoft.azure.functions.HttpMethod;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Serves every HTTP-triggered function on one Javalin server bound to 127.0.0.1, as the Functions
 * host would: the gateway first, then the route table, the body (capped), the function, its response.
 * Nothing a function throws reaches the client beyond an error id.
 */
public final class HttpHost implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HttpHost.class);
    private static final HandlerType[] METHODS = {HandlerType.GET, HandlerType.POST, HandlerType.PUT,
        HandlerType.PATCH, HandlerType.DELETE, HandlerType.HEAD, HandlerType.OPTIONS};

    private final RouteTable routes;
    private final Gateway gateway;
    private final FunctionInvoker invoker;
    private final ValueConverter converter = new ValueConverter();
    private final long maxBodyBytes;
    private final Optional<McpHttpEndpoint> mcp;
    private final Javalin server;

    public HttpHost(RouteTable routes, Gateway gateway, FunctionInvoker invoker, long maxBodyBytes) {
        this(routes, gateway, invoker, maxBodyBytes, Optional.empty());
    }

    /** With the MCP endpoint, served after the gateway admitted the request, instead of a function. */
    public HttpHost(RouteTable routes, Gateway gateway, FunctionInvoker invoker, long maxBodyBytes,
                    Optional<McpHttpEndpoint> mcp) {
        this.mcp = mcp;
        this.routes = routes;
        this.gateway = gateway;
        this.invoker = invoker;
        this.maxBodyBytes = maxBodyBytes;
        this.server = Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.startupWatcherEnabled = false;
            config.http.maxRequestSize = maxBodyBytes;
            // Jetty refuses some requests itself (URI or headers too large, an undecodable path): as problems too.
            config.jetty.modifyServer(server -> server.setErrorHandler(new ProblemErrorHandler()));
            config.jetty.modifyServletContextHandler(context -> context.setErrorHandler(new ProblemErrorHandler()));
        });
        for (HandlerType method : METHODS) {
            server.addHttpHandler(method, "/", this::handle);
            server.addHttpHandler(method, "/<path>", this::handle);
        }
    }

    /** Starts listening on 127.0.0.1; port 0 picks a free one. Returns the port. */
    public int start(int port) {
        server.start("127.0.0.1", port);
        return server.port();
    }

    @Override
    public void close() {
        server.stop();
    }

    private void handle(Context ctx) {
        String path = ctx.req().getRequestURI();
        Map<String, String> headers = headers(ctx);
        Correlation correlation = Correlation.of(headers);
        ctx.header(Correlation.REQUEST_ID, correlation.requestId());
        ResponseContent response;
        try {
            Admission admission = gateway.admit(ctx.method().name(), path, headers);
            admission.responseHeaders().forEach(ctx::header);
            if (admission.answer().isPresent()) {
                ctx.status(admission.answer().get());
                return;
            }
            Map<String, String> admitted = new LinkedHashMap<>(admission.forward());
            admitted.put(Correlation.REQUEST_ID, correlation.requestId());
            admitted.put(Correlation.TRACEPARENT, correlation.traceparent());
            HttpMethod method = HttpMethod.value(ctx.method().name());
            if (mcp.isPresent() && mcp.get().serves(path)) {
                McpHttpEndpoint.Reply reply = mcp(ctx, headers, correlation);
                response = new ResponseContent(reply.status(), new LinkedHashMap<>(reply.headers()), reply.body());
                admission.onResponse().accept(response.status(), response.headers());
                if (reply.stream().isPresent()) {
                    stream(ctx, response, reply.stream().get());
                    return;
                }
            } else {
                response = dispatch(ctx, routes.resolve(method, path), method, admitted, correlation);
                admission.onResponse().accept(response.status(), response.headers());
            }
        } catch (ProblemException e) {
            response = ResponseContent.problem(e, path);
        } catch (RuntimeException e) {
            String errorId = UUID.randomUUID().toString();
            LOG.error("Request {} {} failed (error id {}, request id {})", ctx.method(), path, errorId,
                    correlation.requestId(), e);
            response = ResponseContent.problem(new ProblemException(Problem.of(500, "internal", "Internal error",
                    "The request failed unexpectedly; quote error id " + errorId).with("errorId", errorId)), path);
        }
        write(ctx, response);
    }

    private ResponseContent dispatch(Context ctx, RouteMatch match, HttpMethod method, Map<String, String> headers,
                                     Correlation correlation) {
        if (match instanceof RouteMatch.NotFound) {
            throw new ProblemException(Problem.of(404, "not-found", "Not found",
                    "No function serves " + ctx.req().getRequestURI()));
        }
        if (match instanceof RouteMatch.MethodNotAllowed notAllowed) {
            ctx.header("Allow", String.join(", ", notAllowed.allowed()));
            throw ProblemException.methodNotAllowed(ctx.method().name());
        }
        RouteMatch.Found found = (RouteMatch.Found) match;
        FunctionDefinition function = found.route().function();
        LocalHttpRequest<Object> request = new LocalHttpRequest<>(URI.create(ctx.fullUrl()), method, headers,
                query(ctx), body(found.route().binding(), BoundedBody.read(ctx.req(), maxBodyBytes)));
        var context = LocalExecutionContext.start(function.name(), correlation.traceparent());
        return ResponseContent.from(invoker.invoke(function, request, found.parameters(), context));
    }

    private McpHttpEndpoint.Reply mcp(Context ctx, Map<String, String> headers, Correlation correlation) {
        Map<String, String> client = new LinkedHashMap<>(headers);
        client.put(Correlation.REQUEST_ID, correlation.requestId());
        client.put(Correlation.TRACEPARENT, correlation.traceparent());
        return mcp.orElseThrow().serve(ctx.method().name(), client, () -> BoundedBody.read(ctx.req(), maxBodyBytes));
    }

    /** Writes the head, then the body as the stream produces it, straight to the connection (no buffering). */
    private static void stream(Context ctx, ResponseContent head, McpHttpEndpoint.StreamedBody body) {
        ctx.status(head.status());
        head.headers().forEach(ctx::header);
        try {
            body.writeTo(ctx.res().getOutputStream());
        } catch (java.io.IOException e) {
            LOG.debug("The client of a streamed answer left: {}", e.getMessage());
        }
    }

    private Object body(HttpBinding binding, byte[] bytes) {
        if (bytes.length == 0) {
            return binding.optionalBody() ? Optional.empty() : null;
        }
        Object value = converter.convert(bytes, binding.bodyType());
        return binding.optionalBody() ? Optional.of(value) : value;
    }

    private static void write(Context ctx, ResponseContent response) {
        ctx.status(response.status());
        response.headers().forEach(ctx::header);
        if (ctx.method() != HandlerType.HEAD && response.body().length > 0) {
            ctx.result(response.body());
        }
    }

    private static Map<String, String> headers(Context ctx) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (String name : Collections.list(ctx.req().getHeaderNames())) {
            headers.put(name.toLowerCase(Locale.ROOT), String.join(", ", Collections.list(ctx.req().getHeaders(name))));
        }
        return headers;
    }

    private static Map<String, String> query(Context ctx) {
        Map<String, String> query = new LinkedHashMap<>();
        ctx.queryParamMap().forEach((name, values) -> query.put(name, String.join(",", values)));
        return query;
    }
}
