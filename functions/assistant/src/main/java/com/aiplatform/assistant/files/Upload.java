package com.aiplatform.assistant.files;

import java.util.Optional;

/** A file as the client sent it: its bytes, its declared content type and, when given, its name. */
public record Upload(byte[] content, String contentType, Optional<String> fileName) {
}
