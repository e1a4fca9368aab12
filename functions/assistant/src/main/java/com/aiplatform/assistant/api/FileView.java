package com.aiplatform.assistant.api;

import com.aiplatform.assistant.files.Extraction;
import com.aiplatform.assistant.files.FileRecord;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A file as the API shows it: its record, the problem that failed it, and once it is ready what was
 * extracted (without the chunks' embeddings, which are the app's business).
 */
record FileView(String fileId, String fileName, String contentType, String declaredType, long sizeBytes,
                String sha256, String status, String source, Instant createdAt, Instant updatedAt,
                Map<String, Object> error, Content extraction, Links links) {

    record Content(String text, String title, Integer pageCount, List<Extraction.Page> pages,
                   List<Extraction.Table> tables, Map<String, String> metadata, Extraction.ImageInfo image,
                   Extraction.Ocr ocr, int chunkCount) {
    }

    record Links(String self, String content, String ask, String publish) {
    }

    static FileView of(FileRecord record, Optional<Extraction> extraction) {
        String self = "/api/v1/assistant/files/" + record.fileId();
        Content content = extraction.map(e -> new Content(e.text(), e.title(), e.pageCount(), e.pages(), e.tables(),
                e.metadata(), e.image(), e.ocr(), e.chunks().size())).orElse(null);
        return new FileView(record.fileId(), record.fileName().isBlank() ? null : record.fileName(),
                record.mediaType(), record.declaredType().isBlank() ? null : record.declaredType(), record.sizeBytes(),
                record.sha256(), record.status().wire(), record.source().name().toLowerCase(Locale.ROOT).replace('_', '-'),
                record.createdAt(), record.updatedAt(), record.error(), content,
                new Links(self, self + "/content", self + "/ask", self + "/publish"));
    }
}
