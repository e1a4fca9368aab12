package com.aiplatform.assistant.api;

import com.aiplatform.assistant.files.Upload;
import com.aiplatform.shared.functions.Multipart;
import com.aiplatform.shared.problem.ProblemException;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the two ways a client can send a file: {@code multipart/form-data} with a part named
 * {@code file} (its own content type and file name), or the raw file as the body with its content type
 * and an optional {@code fileName} query parameter.
 */
final class Uploads {

    private static final int MAX_FILE_NAME_LENGTH = 255;

    private Uploads() {
    }

    static Upload read(String contentTypeHeader, byte[] body, Map<String, String> query) {
        if (body.length == 0) {
            throw ProblemException.badRequest("The file is empty");
        }
        String contentType = contentTypeHeader == null ? ""
                : contentTypeHeader.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (contentType.equals("multipart/form-data")) {
            Multipart.Part file = Multipart.parse(contentTypeHeader, body).stream()
                    .filter(part -> part.name().equals("file")).findFirst()
                    .orElseThrow(() -> ProblemException.badRequest("The multipart body needs a part named 'file'"));
            if (file.content().length == 0) {
                throw ProblemException.badRequest("The file is empty");
            }
            return new Upload(file.content(), file.contentType(), fileName(file.fileName().orElse(null)));
        }
        return new Upload(body, contentTypeHeader == null ? "" : contentTypeHeader, fileName(query.get("fileName")));
    }

    /** Only the last path segment, so a name can never steer where anything is stored. */
    private static Optional<String> fileName(String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String name = value.replace('\\', '/');
        name = name.substring(name.lastIndexOf('/') + 1).strip();
        if (name.isEmpty() || name.length() > MAX_FILE_NAME_LENGTH || name.chars().anyMatch(Character::isISOControl)) {
            throw ProblemException.validation("The file name is not valid",
                    java.util.List.of("fileName must be 1-" + MAX_FILE_NAME_LENGTH + " printable characters"));
        }
        return Optional.of(name);
    }
}
