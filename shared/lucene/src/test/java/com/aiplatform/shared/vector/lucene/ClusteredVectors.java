package com.aiplatform.shared.vector.lucene;

import java.util.Random;
import java.util.SplittableRandom;

/**
 * Synthetic embeddings: unit vectors scattered around random topic centres, with a cosine to their centre
 * of about 0.7, which is roughly how sentence embeddings of one topic sit. Uniform random vectors would
 * make HNSW look worse than on real text, identical ones better. Deterministic for a seed.
 */
final class ClusteredVectors {

    private final float[][] centres;
    private final double noise;

    ClusteredVectors(int dimensions, int clusters, long seed) {
        Random random = new Random(seed);
        this.centres = new float[clusters][];
        for (int c = 0; c < clusters; c++) {
            centres[c] = gaussian(random, dimensions, 1.0);
            normalise(centres[c]);
        }
        this.noise = 1.0 / Math.sqrt(dimensions);
    }

    /** The {@code index}-th vector of the stream named by {@code seed}; the same arguments give the same vector. */
    float[] vector(long seed, int index) {
        SplittableRandom random = new SplittableRandom(seed * 1_000_003L + index);
        float[] centre = centres[random.nextInt(centres.length)];
        float[] v = new float[centre.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (centre[i] + gaussian(random) * noise);
        }
        normalise(v);
        return v;
    }

    /** Index of the topic a vector was drawn around, for text that goes with it. */
    int cluster(long seed, int index) {
        return new SplittableRandom(seed * 1_000_003L + index).nextInt(centres.length);
    }

    static void normalise(float[] v) {
        double sum = 0;
        for (float x : v) {
            sum += (double) x * x;
        }
        float inverse = (float) (1.0 / Math.sqrt(sum));
        for (int i = 0; i < v.length; i++) {
            v[i] *= inverse;
        }
    }

    private static float[] gaussian(Random random, int dimensions, double scale) {
        float[] v = new float[dimensions];
        for (int i = 0; i < dimensions; i++) {
            v[i] = (float) (random.nextGaussian() * scale);
        }
        return v;
    }

    private static double gaussian(SplittableRandom random) {
        double u = 1.0 - random.nextDouble();
        double w = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * w);
    }
}
