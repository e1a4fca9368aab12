package com.aiplatform.knowledge.documents;

import java.util.Optional;

/** The text content of a document, its title if the format carries one, and the detected media type. */
public record ExtractedText(String text, Optional<String> title, String mediaType) {
}
