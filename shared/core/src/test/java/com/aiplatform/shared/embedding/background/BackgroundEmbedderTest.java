package com.aiplatform.shared.embedding.background;

import com.aiplatform.shared.embedding.Embedder;
import com.aiplatform.shared.embedding.EmbeddingModel;
import com.aiplatform.shared.embedding.Embeddings;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BackgroundEmbedderTest {

    private static final EmbeddingModel MODEL = new EmbeddingModel("test-model", 2, 16);

    /** Embeds every text as (length, 1) and closes once. */
    private static final class LengthEmbedder implements Embedder, AutoCloseable {
        final AtomicBoolean closed = new AtomicBoolean();

        @Override
        public EmbeddingModel model() {
            return MODEL;
        }

        @Override
        public Embeddings embed(List<String> texts) {
            return new Embeddings(texts.stream().map(t -> new float[] {t.length(), 1}).toList(), texts.size());
        }

        @Override
        public void close() {
            closed.set(true);
        }
    }

    @Test
    void should_name_its_model_before_the_load_ends_and_embed_once_it_has() throws Exception {
        var release = new CountDownLatch(1);
        var loaded = new LengthEmbedder();
        BackgroundEmbedder embedder = BackgroundEmbedder.start(MODEL, () -> {
            await(release);
            return loaded;
        });

        assertThat(embedder.model()).isEqualTo(MODEL);
        assertThat(embedder.ready()).isFalse();
        release.countDown();
        assertThat(embedder.embed("abc")).containsExactly(3, 1);
        assertThat(embedder.ready()).isTrue();
        assertThat(embedder.count("one two")).isEqualTo(2);
        embedder.close();
        assertThat(loaded.closed).isTrue();
    }

    @Test
    void should_throw_the_loads_failure_from_every_call_when_the_load_fails() throws Exception {
        BackgroundEmbedder embedder = BackgroundEmbedder.start(MODEL, () -> {
            throw new IllegalStateException("model file missing");
        });

        assertThatThrownBy(() -> embedder.embed("abc")).isInstanceOf(IllegalStateException.class)
                .hasMessage("model file missing");
        assertThatThrownBy(() -> embedder.embedQueries(List.of("abc"))).isInstanceOf(IllegalStateException.class);
        embedder.close();
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(30, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
