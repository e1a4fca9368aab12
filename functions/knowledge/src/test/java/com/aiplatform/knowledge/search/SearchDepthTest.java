package com.aiplatform.knowledge.search;

import com.aiplatform.knowledge.KnowledgeTestKit;
import com.aiplatform.knowledge.documents.DocumentUpload;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import static com.aiplatform.knowledge.KnowledgeTestKit.as;
import static org.assertj.core.api.Assertions.assertThat;

/** The evaluation's deeper search: more fused chunks than the request's topK, same ranking. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SearchDepthTest {

    private KnowledgeTestKit kit;

    @BeforeAll
    void ingest(@TempDir Path index) {
        kit = new KnowledgeTestKit(index);
        for (String topic : new String[] {"returns are refunded", "parcels ship in seven days", "warranty lasts two years",
                "express delivery costs twelve euros"}) {
            kit.documents.ingest(as("acme"), new DocumentUpload(topic.getBytes(StandardCharsets.UTF_8), "text/plain",
                    Optional.of(topic.replace(' ', '-')), Optional.empty(), Optional.empty(), Map.of()));
        }
    }

    @AfterAll
    void close() {
        kit.close();
    }

    @Test
    void should_return_more_results_than_top_k_when_asked_for_depth() {
        SearchRequest request = new SearchRequest("delivery", 1, SearchMode.HYBRID, Map.of());

        SearchResult shallow = kit.search.search(as("acme"), request);
        SearchResult deep = kit.search.search(as("acme"), request, 4);

        assertThat(shallow.results()).hasSize(1);
        assertThat(deep.results()).hasSize(4);
        assertThat(deep.results().get(0).chunkId()).isEqualTo(shallow.results().get(0).chunkId());
    }
}
