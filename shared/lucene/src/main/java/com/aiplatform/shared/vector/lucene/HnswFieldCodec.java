package com.aiplatform.shared.vector.lucene;

import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.lucene912.Lucene912Codec;
import org.apache.lucene.codecs.lucene99.Lucene99HnswScalarQuantizedVectorsFormat;
import org.apache.lucene.codecs.lucene99.Lucene99HnswVectorsFormat;

import java.util.concurrent.ExecutorService;

/**
 * The default codec with our HNSW parameters on the vector field. Readers need nothing special: the
 * per-field format name is written into the segment and found again through Lucene's SPI.
 */
final class HnswFieldCodec extends Lucene912Codec {

    private static final int QUANTIZED_BITS = 7;

    private final KnnVectorsFormat vectorsFormat;

    HnswFieldCodec(LuceneVectorStoreOptions options, ExecutorService mergeExecutor) {
        int workers = mergeExecutor == null ? 1 : options.mergeWorkers();
        this.vectorsFormat = options.quantized()
                ? new Lucene99HnswScalarQuantizedVectorsFormat(options.maxConn(), options.beamWidth(), workers,
                        QUANTIZED_BITS, false, null, mergeExecutor)
                : new Lucene99HnswVectorsFormat(options.maxConn(), options.beamWidth(), workers, mergeExecutor);
    }

    @Override
    public KnnVectorsFormat getKnnVectorsFormatForField(String field) {
        return vectorsFormat;
    }
}
