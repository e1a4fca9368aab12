package com.aiplatform.shared.vector.lucene;

import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.FieldInfos;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.VectorSimilarityFunction;

/** The dimensions and similarity of the index's vectors, checked on every write and query. */
record VectorShape(int dimensions, LuceneVectorStoreOptions.Similarity similarity) {

    /** Unit-length check for DOT_PRODUCT; float embedders are off by ~1e-6. */
    private static final double UNIT_TOLERANCE = 1e-3;

    VectorSimilarityFunction luceneSimilarity() {
        return switch (similarity) {
            case DOT_PRODUCT -> VectorSimilarityFunction.DOT_PRODUCT;
            case COSINE -> VectorSimilarityFunction.COSINE;
        };
    }

    void require(float[] vector, String what) {
        if (vector.length != dimensions) {
            throw new IllegalArgumentException("The " + what + " vector has " + vector.length
                    + " dimensions; this store holds " + dimensions);
        }
        if (similarity == LuceneVectorStoreOptions.Similarity.DOT_PRODUCT) {
            double squared = 0;
            for (float v : vector) {
                squared += v * v;
            }
            if (Math.abs(squared - 1.0) > UNIT_TOLERANCE) {
                throw new IllegalArgumentException("The " + what + " vector is not unit length (|v|^2 = " + squared
                        + "); normalise it or open the store with COSINE similarity");
            }
        }
    }

    /** Fails when an existing index was built for other vectors; Lucene would otherwise fail on the first write. */
    void requireMatches(IndexReader reader, Object where) {
        FieldInfo vectors = FieldInfos.getMergedFieldInfos(reader).fieldInfo(ChunkDocuments.VECTOR);
        if (vectors != null && (vectors.getVectorDimension() != dimensions
                || vectors.getVectorSimilarityFunction() != luceneSimilarity())) {
            throw new IllegalStateException("The Lucene index at " + where + " holds "
                    + vectors.getVectorDimension() + "-dimensional " + vectors.getVectorSimilarityFunction()
                    + " vectors, but the store was opened for " + dimensions + "-dimensional " + similarity
                    + "; use another directory or re-index");
        }
    }
}
