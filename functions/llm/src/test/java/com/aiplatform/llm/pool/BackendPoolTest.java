package com.aiplatform.llm.pool;

import com.aiplatform.shared.llm.ChatMessage;
import com.aiplatform.shared.llm.ChatRequest;
import com.aiplatform.shared.llm.ChatResponse;
import com.aiplatform.shared.llm.Generator;
import com.aiplatform.shared.llm.LlmClient;
import com.aiplatform.shared.llm.LlmException;
import com.aiplatform.shared.resilience.CircuitBreakerPolicy;
import com.aiplatform.shared.usage.Usage;
import com.aiplatform.testing.time.ManualClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BackendPoolTest {

    private static final ChatRequest REQUEST = new ChatRequest(List.of(ChatMessage.user("hello")), List.of(), List.of(),
            16, 0);
    private static final CircuitBreakerPolicy POLICY = new CircuitBreakerPolicy(4, 2, 50f, Duration.ofSeconds(30), 1);

    private final ManualClock clock = new ManualClock(Instant.parse("2026-12-02T10:00:00Z"));

    /** A backend that answers with its name, or fails as told. */
    private static final class Backend implements LlmClient {
        final String name;
        final List<String> calls = new ArrayList<>();
        LlmException failure;

        Backend(String name) {
            this.name = name;
        }

        @Override
        public ChatResponse chat(ChatRequest request) {
            calls.add(request.lastUserMessage());
            if (failure != null) {
                throw failure;
            }
            return new ChatResponse("from " + name, List.of(), List.of(), Generator.MODEL, new Usage(name, 1, 2), "stop");
        }

        @Override
        public String modelName() {
            return name;
        }
    }

    private PoolMember member(Backend backend, int priority) {
        return new PoolMember(backend.name, priority, 1, backend, POLICY, Duration.ZERO, clock);
    }

    @Test
    void should_fail_over_to_the_next_priority_when_the_first_backend_fails_transiently() {
        Backend east = new Backend("east");
        Backend west = new Backend("west");
        east.failure = new LlmException("503", 503, true, null, null);
        BackendPool pool = new BackendPool("pool", List.of(member(east, 1), member(west, 2)), bound -> 0);

        assertThat(pool.chat(REQUEST).text()).isEqualTo("from west");
        assertThat(east.calls).hasSize(1);
    }

    @Test
    void should_leave_a_backend_alone_until_its_retry_after_passed_when_it_answered_429() {
        Backend east = new Backend("east");
        Backend west = new Backend("west");
        east.failure = new LlmException("429", 429, true, Duration.ofSeconds(10), null);
        BackendPool pool = new BackendPool("pool", List.of(member(east, 1), member(west, 2)), bound -> 0);

        pool.chat(REQUEST);
        pool.chat(REQUEST);
        assertThat(east.calls).hasSize(1);
        east.failure = null;
        clock.advance(Duration.ofSeconds(11));
        assertThat(pool.chat(REQUEST).text()).isEqualTo("from east");
    }

    @Test
    void should_open_the_circuit_and_close_it_again_when_a_backend_fails_then_recovers() {
        Backend east = new Backend("east");
        Backend west = new Backend("west");
        east.failure = new LlmException("502", 502, true, null, null);
        PoolMember first = member(east, 1);
        BackendPool pool = new BackendPool("pool", List.of(first, member(west, 2)), bound -> 0);

        pool.chat(REQUEST);
        pool.chat(REQUEST);
        assertThat(first.circuitState()).isEqualTo("OPEN");
        pool.chat(REQUEST);
        assertThat(east.calls).hasSize(2);
        east.failure = null;
        clock.advance(Duration.ofSeconds(31));
        assertThat(pool.chat(REQUEST).text()).isEqualTo("from east");
        assertThat(first.circuitState()).isEqualTo("CLOSED");
    }

    @Test
    void should_throw_at_once_when_a_backend_refuses_the_request_itself() {
        Backend east = new Backend("east");
        Backend west = new Backend("west");
        east.failure = new LlmException("400", 400, false, null, null);
        BackendPool pool = new BackendPool("pool", List.of(member(east, 1), member(west, 2)), bound -> 0);

        assertThatThrownBy(() -> pool.chat(REQUEST)).isInstanceOf(LlmException.class).hasMessage("400");
        assertThat(west.calls).isEmpty();
    }

    @Test
    void should_order_members_of_one_priority_by_weight_when_drawing() {
        Backend a = new Backend("a");
        Backend b = new Backend("b");
        BackendPool pool = new BackendPool("pool", List.of(new PoolMember("a", 1, 1, a, POLICY, Duration.ZERO, clock),
                new PoolMember("b", 1, 3, b, POLICY, Duration.ZERO, clock)), bound -> bound - 1);

        assertThat(pool.order()).extracting(PoolMember::name).containsExactly("b", "a");
    }
}
