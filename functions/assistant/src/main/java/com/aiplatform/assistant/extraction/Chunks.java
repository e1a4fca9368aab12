package com.aiplatform.assistant.extraction;

import com.aiplatform.assistant.files.Extraction;
import com.aiplatform.shared.embedding.Embedder;
import com.aiplatform.shared.embedding.Embeddings;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Cuts each page into overlapping windows of words (a chunk never spans two pages, so every passage
 * has one page to cite) and embeds them in batches with the shared embedder.
 */
public final class Chunks {

    private static final int BATCH = 32;

    private final Embedder embedder;
    private final int words;
    private final int overlap;

    public Chunks(Embedder embedder, int words, int overlap) {
        if (words < 10 || overlap < 0 || overlap >= words / 2) {
            throw new IllegalArgumentException("A chunk needs at least 10 words and an overlap under half of it");
        }
        this.embedder = embedder;
        this.words = words;
        this.overlap = overlap;
    }

    /** The chunks and the tokens their embedding consumed. */
    public record Embedded(List<Extraction.Chunk> chunks, long inputTokens) {
    }

    public Embedded of(Extraction extraction) {
        List<Extraction.Chunk> unembedded = split(extraction);
        List<Extraction.Chunk> result = new ArrayList<>(unembedded.size());
        long tokens = 0;
        for (int from = 0; from < unembedded.size(); from += BATCH) {
            List<Extraction.Chunk> batch = unembedded.subList(from, Math.min(unembedded.size(), from + BATCH));
            Embeddings embeddings = embedder.embed(batch.stream().map(Extraction.Chunk::text).toList());
            tokens += embeddings.inputTokens();
            for (int i = 0; i < batch.size(); i++) {
                Extraction.Chunk chunk = batch.get(i);
                result.add(new Extraction.Chunk(chunk.index(), chunk.page(), chunk.text(), embeddings.vectors().get(i)));
            }
        }
        return new Embedded(result, tokens);
    }

    List<Extraction.Chunk> split(Extraction extraction) {
        boolean paged = extraction.pageCount() != null;
        List<Extraction.Chunk> chunks = new ArrayList<>();
        for (Extraction.Page page : extraction.pages()) {
            String[] pageWords = page.text().strip().split("\\s+");
            if (pageWords.length == 1 && pageWords[0].isEmpty()) {
                continue;
            }
            int step = words - overlap;
            for (int start = 0; start < pageWords.length; start += step) {
                int end = Math.min(pageWords.length, start + words);
                String text = String.join(" ", Arrays.asList(pageWords).subList(start, end));
                chunks.add(new Extraction.Chunk(chunks.size(), paged ? page.number() : null, text, null));
                if (end == pageWords.length) {
                    break;
                }
            }
        }
        return chunks;
    }
}
