package com.aiplatform.knowledge;

import com.aiplatform.knowledge.search.Fusion;
import com.aiplatform.shared.settings.Settings;

/**
 * The knowledge app's settings, read once at start-up. Names are spelled the same in
 * local.settings.sample.json, the Bicep app settings and the README. The settings every app shares
 * (LLM, events, usage) are in {@link com.aiplatform.shared.runtime.RuntimeSettings}; the vector store's in
 * {@link com.aiplatform.shared.runtime.VectorStores}, the embedder's in {@link com.aiplatform.shared.runtime.Embedders}.
 */
public record KnowledgeSettings(String documentsContainer, String documentsTable, String ingestionsTable,
                                String ingestionQueue, long synchronousIngestMaxBytes, long maxDocumentBytes,
                                int chunkTokens, int chunkOverlapTokens, int searchCandidates, Fusion hybridFusion,
                                AnswerJudge answerJudge) {

    /** Whether a model's answer is also judged by the model ({@code KNOWLEDGE_ANSWER_JUDGE}). */
    public enum AnswerJudge { OFF, MODEL }

    /**
     * Plain fusion: with the default MiniLM, {@code ./platform eval --fusion-sweep} found that weighting dense up only
     * loses (docs/benchmarks.md; with bge-small, 4 is better).
     */
    static final Fusion DEFAULT_FUSION = Fusion.EQUAL;

    public static KnowledgeSettings from(Settings settings) {
        Settings.Reader read = settings.reader();
        KnowledgeSettings result = read(read);
        read.validate();
        return result;
    }

    /** Reads these settings into {@code read}, which collects their problems (see {@link Settings#validate}). */
    public static KnowledgeSettings read(Settings.Reader read) {
        var result = new KnowledgeSettings(
                read.string("KNOWLEDGE_DOCUMENTS_CONTAINER", "knowledge-documents"),
                read.string("KNOWLEDGE_DOCUMENTS_TABLE", "knowledgedocuments"),
                read.string("KNOWLEDGE_INGESTIONS_TABLE", "knowledgeingestions"),
                read.string("KNOWLEDGE_INGESTION_QUEUE", "knowledge-ingestions"),
                read.longValue("KNOWLEDGE_SYNC_INGEST_MAX_BYTES", 64L * 1024),
                read.longValue("KNOWLEDGE_MAX_DOCUMENT_BYTES", 10L * 1024 * 1024),
                read.integer("KNOWLEDGE_CHUNK_TOKENS", 250),
                read.integer("KNOWLEDGE_CHUNK_OVERLAP_TOKENS", 32),
                read.integer("KNOWLEDGE_SEARCH_CANDIDATES", 100),
                fusion(read),
                read.choice("KNOWLEDGE_ANSWER_JUDGE", AnswerJudge.class, AnswerJudge.OFF));
        return result;
    }

    /** Hybrid search's weighted reciprocal rank fusion; a weight or constant that ranks nothing is a problem. */
    private static Fusion fusion(Settings.Reader read) {
        int k = read.integer("KNOWLEDGE_HYBRID_RRF_K", DEFAULT_FUSION.k());
        double denseWeight = read.decimal("KNOWLEDGE_HYBRID_DENSE_WEIGHT", DEFAULT_FUSION.denseWeight());
        try {
            return new Fusion(k, denseWeight, 1);
        } catch (IllegalArgumentException e) {
            read.problem("KNOWLEDGE_HYBRID_RRF_K and KNOWLEDGE_HYBRID_DENSE_WEIGHT: " + e.getMessage());
            return DEFAULT_FUSION;
        }
    }
}
