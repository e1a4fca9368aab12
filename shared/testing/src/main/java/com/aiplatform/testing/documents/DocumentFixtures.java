package com.aiplatform.testing.documents;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.poi.xwpf.usermodel.XWPFDocument;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Builds real PDF and DOCX files in memory, so tests need no binary fixtures in the repository. PDFBox and
 * POI are {@code provided}: modules that use this already have them through Apache Tika.
 */
public final class DocumentFixtures {

    private DocumentFixtures() {
    }

    public static byte[] pdf(String title, List<String> lines) {
        return pdfPages(title, List.of(lines));
    }

    /** A PDF with one page per list of lines, in order. */
    public static byte[] pdfPages(String title, List<List<String>> pages) {
        try (PDDocument document = new PDDocument(); var out = new ByteArrayOutputStream()) {
            document.getDocumentInformation().setTitle(title);
            for (List<String> lines : pages) {
                PDPage page = new PDPage();
                document.addPage(page);
                try (var content = new PDPageContentStream(document, page)) {
                    content.beginText();
                    content.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 11);
                    content.newLineAtOffset(50, 700);
                    for (String line : lines) {
                        content.showText(line);
                        content.newLineAtOffset(0, -15);
                    }
                    content.endText();
                }
            }
            document.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] docx(String title, List<String> paragraphs) {
        try (XWPFDocument document = new XWPFDocument(); var out = new ByteArrayOutputStream()) {
            document.getProperties().getCoreProperties().setTitle(title);
            for (String paragraph : paragraphs) {
                document.createParagraph().createRun().setText(paragraph);
            }
            document.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A DOCX whose {@code word/document.xml} inflates to {@code inflatedBytes} of repeated markup from a few
     * hundred kilobytes: the zip bomb of Office formats. The other parts are those of a real DOCX.
     */
    public static byte[] zipBombDocx(int inflatedBytes) {
        byte[] real = docx("Bomb", List.of("placeholder"));
        try (var in = new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(real));
             var out = new ByteArrayOutputStream();
             var zip = new java.util.zip.ZipOutputStream(out)) {
            zip.setLevel(9);
            for (var entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                zip.putNextEntry(new java.util.zip.ZipEntry(entry.getName()));
                if (entry.getName().equals("word/document.xml")) {
                    String head = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><w:document "
                            + "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body><w:p><w:r><w:t>";
                    zip.write(head.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                    byte[] filler = "a".repeat(64 * 1024).getBytes(java.nio.charset.StandardCharsets.UTF_8);
                    for (int written = 0; written < inflatedBytes; written += filler.length) {
                        zip.write(filler);
                    }
                    zip.write("</w:t></w:r></w:p></w:body></w:document>".getBytes(java.nio.charset.StandardCharsets.UTF_8));
                } else {
                    in.transferTo(zip);
                }
                zip.closeEntry();
            }
            zip.finish();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
