package com.aiplatform.shared.embedding.onnx;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import com.aiplatform.shared.embedding.Embedder;
import com.aiplatform.shared.embedding.EmbeddingModel;
import com.aiplatform.shared.embedding.Embeddings;
import com.aiplatform.shared.text.TokenCounter;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

/**
 * A bundled sentence-embedding model ({@link OnnxModel}) in process on ONNX Runtime, with the weights and
 * tokenizer that ship in the LangChain4j model jars (no network, no files on disk). all-MiniLM-L6-v2's
 * inputs are cut at {@value #MAX_INPUT_TOKENS} tokens, its sentence-transformers limit, and not at the 128
 * the bundled tokenizer.json asks for: on SciFact the longer window is worth about 0.02 nDCG@10.
 * Queries get the model's instruction, if it has one ({@link #embedQueries}). Safe for concurrent
 * callers; close it to free the session.
 */
public final class OnnxEmbedder implements Embedder, TokenCounter, AutoCloseable {

    public static final int MAX_INPUT_TOKENS = 256;

    /**
     * The weights to run: the original fp32 model, or int8 made from it with per-column weight scales
     * ({@link PerChannelInt8}), about twice as fast on CPUs with int8 dot-product instructions.
     */
    public enum Variant {
        FP32(""),
        INT8("-int8");

        private final String suffix;

        Variant(String suffix) {
            this.suffix = suffix;
        }

        /** int8: the file made at build time when it is there, otherwise the rewrite of the fp32 model now. */
        byte[] modelBytes(OnnxModel model) {
            if (this == INT8) {
                byte[] prepared = optionalResource(model.int8Resource());
                return prepared != null ? prepared : PerChannelInt8.quantize(resource(model.modelResource(), model));
            }
            if (!present(model.modelResource()) && present(model.int8Resource())) {
                throw new OnnxEmbeddingException("The fp32 " + model.modelName() + " model is not in this package, "
                        + "which ships the int8 model made at build time: choose the int8 variant "
                        + "(ONNX_EMBEDDING_VARIANT) or package with -Dfunctions.fp32Model=true", null);
            }
            return resource(model.modelResource(), model);
        }

        /** The name of all-MiniLM-L6-v2 in this variant (kept for callers that name only the variant). */
        public String modelName() {
            return modelName(OnnxModel.ALL_MINILM_L6_V2);
        }

        public String modelName(OnnxModel model) {
            return model.modelName() + suffix;
        }
    }

    private final EmbeddingModel model;
    private final String queryInstruction;
    private final MiniLmSession session;
    private final HuggingFaceTokenizer truncating;
    private final HuggingFaceTokenizer counting;
    private final int batchSize;
    private final int parallelBatches;
    private final ExecutorService workers;

    private OnnxEmbedder(OnnxEmbedderOptions options, MiniLmSession session,
                         HuggingFaceTokenizer truncating, HuggingFaceTokenizer counting) {
        OnnxModel onnxModel = options.model();
        this.model = modelOf(onnxModel, options.variant());
        this.queryInstruction = onnxModel.queryInstruction();
        this.session = session;
        this.truncating = truncating;
        this.counting = counting;
        this.batchSize = options.batchSize();
        this.parallelBatches = options.parallelBatches();
        this.workers = Executors.newFixedThreadPool(parallelBatches, runnable -> {
            Thread thread = new Thread(runnable, "onnx-embedder");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Loads the model from the class path; takes one to three seconds. */
    public static OnnxEmbedder load(OnnxEmbedderOptions options) {
        OnnxModel onnxModel = options.model();
        byte[] tokenizerJson = resource(onnxModel.tokenizerResource(), onnxModel);
        HuggingFaceTokenizer truncating = tokenizer(tokenizerJson, Map.of(
                "truncation", "true", "maxLength", String.valueOf(onnxModel.maxInputTokens()), "padding", "false"));
        HuggingFaceTokenizer counting = tokenizer(tokenizerJson, Map.of("truncation", "false", "padding", "false"));
        try {
            return new OnnxEmbedder(options, MiniLmSession.open(options.variant().modelBytes(onnxModel), options),
                    truncating, counting);
        } catch (RuntimeException e) {
            truncating.close();
            counting.close();
            throw e;
        }
    }

    public static OnnxEmbedder load(Variant variant) {
        return load(OnnxEmbedderOptions.defaults(variant));
    }

    public static OnnxEmbedder load(OnnxModel model, Variant variant) {
        return load(OnnxEmbedderOptions.defaults(model, variant));
    }

    /** What {@link #load(OnnxModel, Variant)} will name its model, known before loading it. */
    public static EmbeddingModel modelOf(OnnxModel model, Variant variant) {
        return new EmbeddingModel(variant.modelName(model), MiniLmSession.DIMENSIONS, model.maxInputTokens());
    }

    @Override
    public EmbeddingModel model() {
        return model;
    }

    @Override
    public Embeddings embed(List<String> texts) {
        if (texts.isEmpty()) {
            return new Embeddings(List.of(), 0);
        }
        Encoding[] encodings = truncating.batchEncode(texts);
        float[][] vectors = new float[encodings.length][];
        List<int[]> batches = batchesByLength(encodings);
        if (batches.size() == 1 || parallelBatches == 1) {
            batches.forEach(batch -> embedInto(vectors, encodings, batch));
        } else {
            List<Future<?>> pending = new ArrayList<>();
            batches.forEach(batch -> pending.add(workers.submit(() -> embedInto(vectors, encodings, batch))));
            awaitAll(pending);
        }
        long tokens = Arrays.stream(encodings).mapToLong(encoding -> encoding.getIds().length).sum();
        return new Embeddings(Arrays.asList(vectors), tokens);
    }

    /** Queries with the model's retrieval instruction in front (bge-small-en-v1.5); documents go to {@link #embed}. */
    @Override
    public Embeddings embedQueries(List<String> queries) {
        return queryInstruction.isEmpty() ? embed(queries)
                : embed(queries.stream().map(query -> queryInstruction + query).toList());
    }

    /** Tokens of the whole text including [CLS] and [SEP], without the embedding cut-off. */
    @Override
    public int count(String text) {
        return counting.encode(text).getIds().length;
    }

    @Override
    public void close() {
        workers.shutdownNow();
        truncating.close();
        counting.close();
        session.close();
    }

    /** Sorting by length lets each batch pad only to its own longest text. */
    private List<int[]> batchesByLength(Encoding[] encodings) {
        int[] order = IntStream.range(0, encodings.length).boxed()
                .sorted(Comparator.comparingInt(i -> encodings[i].getIds().length))
                .mapToInt(Integer::intValue).toArray();
        List<int[]> batches = new ArrayList<>();
        for (int start = 0; start < order.length; start += batchSize) {
            batches.add(Arrays.copyOfRange(order, start, Math.min(start + batchSize, order.length)));
        }
        return batches;
    }

    private void embedInto(float[][] vectors, Encoding[] encodings, int[] batch) {
        float[][] pooled = session.embed(Arrays.stream(batch).mapToObj(i -> encodings[i]).toArray(Encoding[]::new));
        for (int k = 0; k < batch.length; k++) {
            vectors[batch[k]] = pooled[k];
        }
    }

    private static void awaitAll(List<Future<?>> pending) {
        try {
            for (Future<?> future : pending) {
                future.get();
            }
        } catch (InterruptedException e) {
            pending.forEach(future -> future.cancel(true));
            Thread.currentThread().interrupt();
            throw new OnnxEmbeddingException("Interrupted while embedding", e);
        } catch (ExecutionException e) {
            pending.forEach(future -> future.cancel(true));
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new OnnxEmbeddingException("Embedding a batch failed", e.getCause());
        }
    }

    private static HuggingFaceTokenizer tokenizer(byte[] json, Map<String, String> settings) {
        try {
            return HuggingFaceTokenizer.newInstance(new ByteArrayInputStream(json), settings);
        } catch (IOException e) {
            throw new OnnxEmbeddingException("Could not read the bundled tokenizer", e);
        }
    }

    private static boolean present(String name) {
        return OnnxEmbedder.class.getClassLoader().getResource(name) != null;
    }

    /** The resource's bytes, or null when it is absent. */
    private static byte[] optionalResource(String name) {
        try (InputStream in = OnnxEmbedder.class.getClassLoader().getResourceAsStream(name)) {
            return in == null ? null : in.readAllBytes();
        } catch (IOException e) {
            throw new OnnxEmbeddingException("Could not read resource " + name, e);
        }
    }

    private static byte[] resource(String name, OnnxModel model) {
        try (InputStream in = OnnxEmbedder.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new OnnxEmbeddingException("Resource " + name + " is not on the class path; "
                        + "add the " + model.artifact() + " jar" + (model.buildProfile().isEmpty() ? ""
                        : " (package the app with -P" + model.buildProfile() + ")"), null);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new OnnxEmbeddingException("Could not read resource " + name, e);
        }
    }
}
