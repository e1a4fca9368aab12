package com.aiplatform.shared.tika;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Inflates an Office file's ZIP container once, counting, before any parser sees it, and stops as soon
 * as it expands more than {@code maxRatio} times the compressed bytes read so far (after a first
 * megabyte, as POI's own check does) or past {@code maxInflatedBytes} in all. A 200 MB document.xml
 * packed into 200 KB is caught after about one megabyte, in milliseconds.
 */
final class ZipBombCheck {

    private static final long GRACE_BYTES = 1024 * 1024;
    private static final int MAX_ENTRIES = 10_000;

    private final int maxRatio;
    private final long maxInflatedBytes;

    ZipBombCheck(int maxRatio, long maxInflatedBytes) {
        this.maxRatio = maxRatio;
        this.maxInflatedBytes = maxInflatedBytes;
    }

    void check(byte[] zip, String mediaType) {
        var compressed = new CountingStream(new ByteArrayInputStream(zip));
        byte[] buffer = new byte[64 * 1024];
        long inflated = 0;
        int entries = 0;
        try (var in = new ZipInputStream(compressed)) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                if (++entries > MAX_ENTRIES) {
                    throw bomb(mediaType, "it holds more than " + MAX_ENTRIES + " entries");
                }
                for (int read = in.read(buffer); read > 0; read = in.read(buffer)) {
                    inflated += read;
                    if (inflated > maxInflatedBytes) {
                        throw bomb(mediaType, "it inflates to more than " + maxInflatedBytes + " bytes");
                    }
                    if (inflated > GRACE_BYTES && inflated > (long) maxRatio * compressed.count) {
                        throw bomb(mediaType, "it inflates more than " + maxRatio + " times");
                    }
                }
            }
        } catch (IOException | IllegalArgumentException e) {
            throw new UnreadableDocumentException(UnreadableDocumentException.Reason.CORRUPT, mediaType, 0,
                    "The " + mediaType + " file is not a readable ZIP container", e);
        }
    }

    private static UnreadableDocumentException bomb(String mediaType, String why) {
        return new UnreadableDocumentException(UnreadableDocumentException.Reason.DECOMPRESSION_BOMB, mediaType, 0,
                "The " + mediaType + " file is refused: " + why, null);
    }

    private static final class CountingStream extends FilterInputStream {
        private long count;

        CountingStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }
    }
}
