package com.aiplatform.testing.documents;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Builds images in memory for tests: a PNG with printed text (for OCR), a JPEG carrying EXIF tags in a
 * hand-built APP1 segment, and a tiny PNG whose header declares a huge size (a decompression bomb).
 */
public final class ImageFixtures {

    /** EXIF IFD0 tags this class can write (ASCII values only), by tag number. */
    public static final int MAKE = 0x010F;
    public static final int MODEL = 0x0110;
    public static final int DATE_TIME = 0x0132;
    public static final int ARTIST = 0x013B;

    private ImageFixtures() {
    }

    /** Black text lines on white, large enough for OCR. */
    public static byte[] pngWithText(List<String> lines) {
        BufferedImage image = new BufferedImage(900, 40 + 70 * lines.size(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        g.setColor(Color.BLACK);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 44));
        for (int i = 0; i < lines.size(); i++) {
            g.drawString(lines.get(i), 30, 70 + 70 * i);
        }
        g.dispose();
        return write(image, "png");
    }

    /** A plain gradient (no text) of the given size, as {@code png} or {@code jpeg}. */
    public static byte[] picture(int width, int height, String format) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, new Color(x * 255 / width, y * 255 / height, 128).getRGB());
            }
        }
        return write(image, format);
    }

    /** A JPEG with an EXIF APP1 segment holding the given IFD0 ASCII tags, inserted right after SOI. */
    public static byte[] jpegWithExif(int width, int height, Map<Integer, String> tags) {
        byte[] jpeg = picture(width, height, "jpeg");
        byte[] tiff = tiff(new java.util.TreeMap<>(tags));
        byte[] exifHeader = "Exif\0\0".getBytes(StandardCharsets.ISO_8859_1);
        int length = 2 + exifHeader.length + tiff.length;
        ByteBuffer out = ByteBuffer.allocate(jpeg.length + 2 + length);
        out.put(jpeg, 0, 2).put((byte) 0xFF).put((byte) 0xE1).putShort((short) length).put(exifHeader).put(tiff)
                .put(jpeg, 2, jpeg.length - 2);
        return out.array();
    }

    /** A valid PNG of a few hundred bytes whose header declares {@code width} x {@code height} pixels. */
    public static byte[] pngDeclaring(int width, int height) {
        var out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10});
        chunk(out, "IHDR", ByteBuffer.allocate(13).putInt(width).putInt(height).put((byte) 8).put((byte) 2)
                .put((byte) 0).put((byte) 0).put((byte) 0).array());
        Deflater deflater = new Deflater(9);
        deflater.setInput(new byte[64 * 1024]);
        deflater.finish();
        byte[] buffer = new byte[1024];
        int size = deflater.deflate(buffer);
        deflater.end();
        chunk(out, "IDAT", java.util.Arrays.copyOf(buffer, size));
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
        byte[] typeBytes = type.getBytes(StandardCharsets.ISO_8859_1);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
        out.writeBytes(typeBytes);
        out.writeBytes(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    /** A big-endian TIFF structure with one IFD of ASCII entries, values stored after the IFD. */
    private static byte[] tiff(Map<Integer, String> tags) {
        Map<Integer, byte[]> values = new LinkedHashMap<>();
        tags.forEach((tag, value) -> values.put(tag, (value + "\0").getBytes(StandardCharsets.US_ASCII)));
        int ifdSize = 2 + 12 * values.size() + 4;
        int dataSize = values.values().stream().mapToInt(v -> v.length <= 4 ? 0 : v.length).sum();
        ByteBuffer tiff = ByteBuffer.allocate(8 + ifdSize + dataSize);
        tiff.put((byte) 'M').put((byte) 'M').putShort((short) 42).putInt(8);
        tiff.putShort((short) values.size());
        int dataOffset = 8 + ifdSize;
        ByteBuffer data = ByteBuffer.allocate(dataSize);
        for (var entry : values.entrySet()) {
            byte[] value = entry.getValue();
            tiff.putShort(entry.getKey().shortValue()).putShort((short) 2).putInt(value.length);
            if (value.length <= 4) {
                tiff.put(java.util.Arrays.copyOf(value, 4));
            } else {
                tiff.putInt(dataOffset + data.position());
                data.put(value);
            }
        }
        tiff.putInt(0);
        tiff.put(data.array());
        return tiff.array();
    }

    private static byte[] write(BufferedImage image, String format) {
        try (var out = new ByteArrayOutputStream()) {
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalArgumentException("No ImageIO writer for " + format);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
