package com.aiplatform.assistant.files;

import com.aiplatform.shared.problem.Problem;
import com.aiplatform.shared.problem.ProblemException;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;

/**
 * Reads an image's format and size from its header, never decoding pixels, and refuses images whose
 * pixel count would make any decoder (ours, Tesseract's, a model's) allocate gigabytes: the
 * decompression bomb of image formats, a few kilobytes of PNG declaring 100,000 x 100,000 pixels.
 * Streams are memory-cached so that ImageIO writes no cache file.
 */
public final class ImageHeaders {

    /** Format as ImageIO names it (png, jpeg, gif, bmp, tiff) and size in pixels. */
    public record Header(String format, int width, int height) {
    }

    private final long maxPixels;

    public ImageHeaders(long maxPixels) {
        this.maxPixels = maxPixels;
    }

    /** The header, after checking the size; 422 if it cannot be read or declares too many pixels. */
    public Header check(byte[] content, String mediaType) {
        Header header = read(content, mediaType);
        if (header.width() <= 0 || header.height() <= 0) {
            throw unreadable(mediaType, "it declares no size");
        }
        long pixels = (long) header.width() * header.height();
        if (pixels > maxPixels) {
            throw new ProblemException(Problem.of(422, "decompression-bomb", "The image is too large to decode",
                    "The image declares " + header.width() + " x " + header.height() + " pixels; at most "
                            + maxPixels + " pixels are accepted").with("maxPixels", maxPixels));
        }
        return header;
    }

    private static Header read(byte[] content, String mediaType) {
        try (ImageInputStream input = new MemoryCacheImageInputStream(new ByteArrayInputStream(content))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(input);
            if (!readers.hasNext()) {
                throw unreadable(mediaType, "no reader recognises it");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(input, true, true);
                return new Header(reader.getFormatName().toLowerCase(java.util.Locale.ROOT), reader.getWidth(0),
                        reader.getHeight(0));
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof ProblemException problem) {
                throw problem;
            }
            throw unreadable(mediaType, "its header is corrupt");
        }
    }

    private static ProblemException unreadable(String mediaType, String why) {
        return new ProblemException(Problem.of(422, "unreadable-file", "The file cannot be read",
                "The " + mediaType + " image cannot be read: " + why));
    }
}
