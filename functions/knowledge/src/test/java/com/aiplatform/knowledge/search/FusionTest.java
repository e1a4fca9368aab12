package com.aiplatform.knowledge.search;

import com.aiplatform.shared.vector.VectorMatch;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class FusionTest {

    private static VectorMatch match(String id, double score) {
        return new VectorMatch(id, "doc-" + id, "text " + id, score, Map.of("title", "T" + id, "chunk", "0", "version", "1"));
    }

    @Test
    void should_rank_chunk_found_by_both_retrievers_first() {
        var dense = List.of(match("a", 0.9), match("b", 0.8), match("c", 0.7));
        var keyword = List.of(match("c", 12.0), match("d", 10.0), match("a", 9.0));
        List<SearchHit> hits = SearchService.fuse(dense, keyword, 10, Fusion.EQUAL);
        assertThat(hits).extracting(SearchHit::chunkId).containsExactly("a", "c", "b", "d");
        assertThat(hits.get(0).score()).isCloseTo(1.0 / 61 + 1.0 / 63, within(1e-6));
        assertThat(hits.get(0).denseScore()).isEqualTo(0.9);
        assertThat(hits.get(0).keywordScore()).isEqualTo(9.0);
        assertThat(hits.get(2).keywordScore()).isNull();
        assertThat(hits.get(0).source()).isEqualTo("/api/v1/knowledge/documents/doc-a");
    }

    @Test
    void should_cut_to_top_k() {
        var dense = List.of(match("a", 0.9), match("b", 0.8), match("c", 0.7));
        assertThat(SearchService.fuse(dense, List.of(), 2, Fusion.EQUAL)).extracting(SearchHit::chunkId).containsExactly("a", "b");
    }

    @Test
    void should_let_the_heavier_ranking_lead_when_weighted() {
        var dense = List.of(match("a", 0.9), match("b", 0.8));
        var keyword = List.of(match("b", 12.0), match("c", 10.0), match("a", 1.0));
        assertThat(SearchService.fuse(dense, keyword, 10, Fusion.EQUAL)).extracting(SearchHit::chunkId)
                .startsWith("b");
        List<SearchHit> weighted = SearchService.fuse(dense, keyword, 10, new Fusion(60, 2, 1));
        assertThat(weighted).extracting(SearchHit::chunkId).containsExactly("a", "b", "c");
        assertThat(weighted.get(0).score()).isCloseTo(2.0 / 61 + 1.0 / 63, within(1e-6));
    }

    @Test
    void should_refuse_weights_and_constants_that_rank_nothing() {
        assertThatThrownBy(() -> new Fusion(0, 1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Fusion(60, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Fusion(60, -1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Fusion(60, Double.NaN, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Fusion(60, Double.POSITIVE_INFINITY, 1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
