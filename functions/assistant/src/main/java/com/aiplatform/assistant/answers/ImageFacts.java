package com.aiplatform.assistant.answers;

import com.aiplatform.assistant.files.Extraction;

import java.util.Locale;
import java.util.Map;

/**
 * An image's metadata written as plain sentences, so that any answerer, the offline extractive one
 * included, can ground an answer in them and cite them like a passage.
 */
final class ImageFacts {

    private static final Map<String, String> PHRASES = Map.of(
            "Make", "The camera make is %s.",
            "Model", "The camera model is %s.",
            "Date/Time Original", "The photo was taken on %s.",
            "Date/Time", "The image was last changed on %s.",
            "Artist", "The author (artist) of the image is %s.",
            "Copyright", "The copyright holder is %s.",
            "Image Description", "The image description says: %s.",
            "Software", "The image was made with the software %s.");

    private ImageFacts() {
    }

    static String of(Extraction extraction) {
        Extraction.ImageInfo image = extraction.image();
        StringBuilder facts = new StringBuilder();
        facts.append("The image is a ").append(image.format().toUpperCase(Locale.ROOT)).append(" file (")
                .append(extraction.mediaType()).append(") of ").append(image.width()).append(" by ")
                .append(image.height()).append(" pixels, so its dimensions (size) are ").append(image.width())
                .append(" x ").append(image.height()).append(". ");
        if (image.exif().isEmpty()) {
            facts.append("The image carries no EXIF metadata. ");
        }
        image.exif().forEach((tag, value) -> {
            String phrase = PHRASES.get(tag);
            facts.append(phrase != null ? String.format(Locale.ROOT, phrase, value)
                    : "The EXIF tag " + tag + " is " + value + ".").append(' ');
        });
        return facts.toString().strip();
    }
}
