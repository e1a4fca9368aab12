package com.aiplatform.shared.embedding.onnx;

import com.aiplatform.shared.embedding.Vectors;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How close the int8 variant's vectors are to the fp32 model's on SciFact: cosine per text, each text embedded
 * alone (so batch mates do not enter), over the first N claims and the first M abstracts (title + " " + text);
 * prints the median, mean and minimum of each. Arguments as key=value, all optional:
 * {@code dataset=/work/shared/datasets/scifact model=all-minilm-l6-v2 claims=300 abstracts=200}.
 * Run with {@code mvn -B -q -pl shared/onnx -am -Pbench process-test-classes
 * -Dbench.main=com.aiplatform.shared.embedding.onnx.Int8Agreement -Dbench.args="claims=300 abstracts=200"}.
 */
public final class Int8Agreement {

    private Int8Agreement() {
    }

    public static void main(String[] args) throws IOException {
        Map<String, String> settings = new HashMap<>(Map.of("dataset", "/work/shared/datasets/scifact",
                "model", "all-minilm-l6-v2", "claims", "300", "abstracts", "200"));
        for (String arg : args) {
            for (String pair : arg.trim().split("\\s+")) {
                if (!pair.isEmpty()) {
                    String[] kv = pair.split("=", 2);
                    settings.put(kv[0], kv[1]);
                }
            }
        }
        Path dataset = Path.of(settings.get("dataset"));
        OnnxModel model = OnnxModel.fromName(settings.get("model"));
        List<String> claims = OnnxEmbedderBenchmark.queries(dataset.resolve("queries.jsonl"),
                Integer.parseInt(settings.get("claims")));
        List<String> abstracts = OnnxEmbedderBenchmark.documents(dataset.resolve("corpus.jsonl.gz"),
                Integer.parseInt(settings.get("abstracts")));
        System.out.printf("model=%s load average at start: %s%n", model.modelName(), OnnxEmbedderBenchmark.loadAverage());
        try (OnnxEmbedder fp32 = OnnxEmbedder.load(model, OnnxEmbedder.Variant.FP32);
             OnnxEmbedder int8 = OnnxEmbedder.load(model, OnnxEmbedder.Variant.INT8)) {
            report("claims", claims, fp32, int8);
            report("abstracts", abstracts, fp32, int8);
        }
    }

    private static void report(String label, List<String> texts, OnnxEmbedder fp32, OnnxEmbedder int8) {
        double[] cosines = new double[texts.size()];
        for (int i = 0; i < texts.size(); i++) {
            cosines[i] = Vectors.cosine(fp32.embed(texts.get(i)), int8.embed(texts.get(i)));
        }
        Arrays.sort(cosines);
        System.out.printf("%-9s n=%d cosine int8 vs fp32: median=%.4f mean=%.4f min=%.4f%n", label, cosines.length,
                cosines[cosines.length / 2], Arrays.stream(cosines).average().orElse(0), cosines[0]);
    }
}
