package com.aiplatform.shared.embedding.onnx;

import java.nio.FloatBuffer;

/**
 * sentence-transformers' pooling: for MiniLM the mean of the real (unpadded) token states, then L2 norm.
 * The division by the token count is skipped because normalising cancels it.
 */
final class MeanPooling {

    private MeanPooling() {
    }

    /**
     * @param hidden  the model's last hidden state, row-major {@code [rows, width, dimensions]}
     * @param lengths real tokens per row; the rest of each row is right padding
     */
    static float[][] pool(FloatBuffer hidden, int[] lengths, int width, int dimensions) {
        float[][] vectors = new float[lengths.length][];
        float[] row = new float[dimensions];
        for (int r = 0; r < lengths.length; r++) {
            double[] sum = new double[dimensions];
            for (int t = 0; t < lengths[r]; t++) {
                hidden.get((r * width + t) * dimensions, row);
                for (int d = 0; d < dimensions; d++) {
                    sum[d] += row[d];
                }
            }
            vectors[r] = normalise(sum);
        }
        return vectors;
    }

    /** CLS pooling (bge): the first token's state of each row, L2-normalised. */
    static float[][] first(FloatBuffer hidden, int rows, int width, int dimensions) {
        float[][] vectors = new float[rows][];
        float[] row = new float[dimensions];
        for (int r = 0; r < rows; r++) {
            hidden.get(r * width * dimensions, row);
            double[] state = new double[dimensions];
            for (int d = 0; d < dimensions; d++) {
                state[d] = row[d];
            }
            vectors[r] = normalise(state);
        }
        return vectors;
    }

    private static float[] normalise(double[] sum) {
        double norm = 0;
        for (double v : sum) {
            norm += v * v;
        }
        norm = Math.sqrt(norm);
        float[] vector = new float[sum.length];
        for (int d = 0; d < sum.length; d++) {
            vector[d] = (float) (sum[d] / norm);
        }
        return vector;
    }
}
