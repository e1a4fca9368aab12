package com.aiplatform.local.http;

import com.aiplatform.shared.problem.ProblemException;
import jakarta.servlet.http.HttpServletRequest;

import java.io.IOException;
import java.io.InputStream;

/**
 * Reads a request body of at most {@code maxBytes}: a declared Content-Length above it is refused
 * before anything is read, and a chunked body is refused as soon as it passes the limit.
 */
final class BoundedBody {

    private BoundedBody() {
    }

    static byte[] read(HttpServletRequest request, long maxBytes) {
        if (request.getContentLengthLong() > maxBytes) {
            throw ProblemException.payloadTooLarge(maxBytes);
        }
        try (InputStream in = request.getInputStream()) {
            byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
            if (body.length > maxBytes) {
                throw ProblemException.payloadTooLarge(maxBytes);
            }
            return body;
        } catch (IOException e) {
            throw ProblemException.badRequest("The request body could not be read: " + e.getMessage());
        }
    }
}
