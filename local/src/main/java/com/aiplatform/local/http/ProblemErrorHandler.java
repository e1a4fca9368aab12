package com.aiplatform.local.http;

import com.aiplatform.shared.json.Json;
import com.aiplatform.shared.problem.Problem;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.ErrorHandler;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Locale;

/**
 * Jetty's own refusals as RFC 9457 problems instead of its HTML pages: a request line or headers too large
 * (414, 431) or not HTTP at all (400), rejected by the parser before any route, and the errors of the servlet
 * layer (an ambiguous or undecodable path, such as an encoded NUL). The detail is Jetty's short reason only.
 */
final class ProblemErrorHandler extends ErrorHandler {

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(HttpHeader.CONTENT_TYPE, Problem.MEDIA_TYPE);
        return ByteBuffer.wrap(body(status, reason));
    }

    @Override
    public void handle(String target, Request baseRequest, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        baseRequest.setHandled(true);
        if (response.isCommitted()) {
            return;
        }
        int status = response.getStatus();
        Object message = request.getAttribute(RequestDispatcher.ERROR_MESSAGE);
        response.setContentType(Problem.MEDIA_TYPE);
        response.getOutputStream().write(body(status, message == null ? null : message.toString()));
    }

    private static byte[] body(int status, String reason) {
        String title = HttpStatus.getMessage(status);
        String slug = title.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
        Problem problem = Problem.of(status, slug.isEmpty() ? "http-" + status : slug, title,
                reason == null || reason.isBlank() ? title : reason);
        return Json.writeBytes(problem.toBody());
    }
}
