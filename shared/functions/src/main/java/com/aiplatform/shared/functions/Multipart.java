package com.aiplatform.shared.functions;

import com.aiplatform.shared.problem.ProblemException;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A minimal RFC 7578 {@code multipart/form-data} reader for bodies already held in memory (the Functions
 * host hands Java functions the whole body). Malformed bodies are 400 problems.
 */
public final class Multipart {

    private static final Pattern BOUNDARY = Pattern.compile("boundary=(\"?)([^\";]{1,70})\\1", Pattern.CASE_INSENSITIVE);
    private static final Pattern NAME = Pattern.compile("[; ]name=\"([^\"]*)\"", Pattern.CASE_INSENSITIVE);
    private static final Pattern FILENAME = Pattern.compile("filename=\"([^\"]*)\"", Pattern.CASE_INSENSITIVE);

    private Multipart() {
    }

    public record Part(String name, Optional<String> fileName, String contentType, byte[] content) {
        public String text() {
            return new String(content, StandardCharsets.UTF_8);
        }
    }

    public static List<Part> parse(String contentTypeHeader, byte[] body) {
        Matcher boundaryMatch = BOUNDARY.matcher(contentTypeHeader);
        if (!boundaryMatch.find()) {
            throw ProblemException.badRequest("multipart/form-data needs a boundary parameter");
        }
        byte[] delimiter = ("--" + boundaryMatch.group(2)).getBytes(StandardCharsets.ISO_8859_1);
        List<Part> parts = new ArrayList<>();
        int position = indexOf(body, delimiter, 0);
        if (position < 0) {
            throw ProblemException.badRequest("The multipart body has no part");
        }
        while (true) {
            int afterDelimiter = position + delimiter.length;
            if (startsWith(body, afterDelimiter, "--")) {
                break;
            }
            int headersStart = skipLineBreak(body, afterDelimiter);
            int headersEnd = indexOf(body, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), headersStart);
            if (headersEnd < 0) {
                throw ProblemException.badRequest("A multipart part has no header end");
            }
            int next = indexOf(body, delimiter, headersEnd + 4);
            if (next < 0) {
                throw ProblemException.badRequest("The multipart body has no closing boundary");
            }
            int contentEnd = next;
            if (contentEnd >= 2 && body[contentEnd - 2] == '\r' && body[contentEnd - 1] == '\n') {
                contentEnd -= 2;
            }
            String headers = new String(body, headersStart, headersEnd - headersStart, StandardCharsets.UTF_8);
            parts.add(part(headers, Arrays.copyOfRange(body, headersEnd + 4, contentEnd)));
            position = next;
        }
        return parts;
    }

    private static Part part(String headers, byte[] content) {
        String disposition = "";
        String contentType = "";
        for (String line : headers.split("\r\n")) {
            String lower = line.toLowerCase(Locale.ROOT);
            if (lower.startsWith("content-disposition:")) {
                disposition = line.substring("content-disposition:".length()).trim();
            } else if (lower.startsWith("content-type:")) {
                contentType = line.substring("content-type:".length()).trim();
            }
        }
        Matcher name = NAME.matcher(";" + disposition);
        if (!disposition.toLowerCase(Locale.ROOT).startsWith("form-data") || !name.find()) {
            throw ProblemException.badRequest("Every multipart part needs Content-Disposition: form-data; name=\"...\"");
        }
        Matcher fileName = FILENAME.matcher(disposition);
        return new Part(name.group(1), fileName.find() ? Optional.of(fileName.group(1)) : Optional.empty(),
                contentType, content);
    }

    private static int skipLineBreak(byte[] body, int position) {
        return startsWith(body, position, "\r\n") ? position + 2 : position;
    }

    private static boolean startsWith(byte[] body, int position, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
        if (position + bytes.length > body.length) {
            return false;
        }
        for (int i = 0; i < bytes.length; i++) {
            if (body[position + i] != bytes[i]) {
                return false;
            }
        }
        return true;
    }

    private static int indexOf(byte[] body, byte[] pattern, int from) {
        outer:
        for (int i = Math.max(0, from); i <= body.length - pattern.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (body[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
