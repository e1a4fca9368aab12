package com.aiplatform.assistant.answers;

import com.aiplatform.assistant.files.Extraction;
import com.aiplatform.shared.embedding.Vectors;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Dense retrieval inside one file: the chunks closest to the question's embedding (cosine; vectors are unit length). */
final class Passages {

    private Passages() {
    }

    static List<Extraction.Chunk> closest(List<Extraction.Chunk> chunks, float[] query, int topK) {
        List<Extraction.Chunk> ranked = new ArrayList<>(chunks);
        ranked.removeIf(chunk -> chunk.vector() == null || chunk.vector().length != query.length);
        ranked.sort(Comparator.comparingDouble((Extraction.Chunk chunk) -> -Vectors.dot(chunk.vector(), query))
                .thenComparingInt(Extraction.Chunk::index));
        return ranked.subList(0, Math.min(topK, ranked.size()));
    }
}
