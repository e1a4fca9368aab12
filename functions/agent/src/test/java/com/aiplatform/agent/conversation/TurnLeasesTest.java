package com.aiplatform.agent.conversation;

import com.aiplatform.agent.AgentTestKit;
import com.aiplatform.agent.FakeKnowledgeBase;
import com.aiplatform.agent.ScriptedLlm;
import com.aiplatform.agent.support.DemoDataset;
import com.aiplatform.shared.llm.LlmException;
import com.aiplatform.shared.problem.ProblemException;
import com.aiplatform.testing.time.ManualClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static com.aiplatform.agent.AgentTestKit.ALICE;
import static com.aiplatform.agent.AgentTestKit.call;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** One turn at a time: a message during a turn is refused (409) and nothing is lost; leases expire; failures free the lease. */
class TurnLeasesTest {

    private final ManualClock clock = new ManualClock(Instant.parse("2026-11-27T10:00:00Z"));
    private final ScriptedLlm llm = new ScriptedLlm();
    private final FakeKnowledgeBase knowledge = new FakeKnowledgeBase();
    private AgentTestKit kit;
    private ConversationService service;
    private DemoDataset shop;

    @BeforeEach
    void setUp() {
        kit = new AgentTestKit(llm, knowledge, clock, Map.of("AGENT_MAX_TOOL_ROUNDS", "2"));
        service = kit.services.conversations();
        kit.services.seed().seed(ALICE);
        shop = DemoDataset.generate(java.time.LocalDate.of(2026, 11, 27));
    }

    private String conversation() {
        return service.create(call(ALICE)).conversationId();
    }

    @Test
    void should_refuse_a_second_message_with_409_while_a_turn_runs_and_lose_nothing() throws Exception {
        String id = conversation();
        CountDownLatch inTurn = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        llm.then(request -> {
            inTurn.countDown();
            await(release);
            return new com.aiplatform.shared.llm.ChatResponse("First answer", List.of(), List.of(),
                    com.aiplatform.shared.llm.Generator.MODEL, new com.aiplatform.shared.usage.Usage("gpt-4o-mini", 1, 1), "stop");
        });
        var first = CompletableFuture.supplyAsync(() -> service.send(call(ALICE), id, new MessageRequest("first")));
        assertThat(inTurn.await(10, TimeUnit.SECONDS)).isTrue();

        assertThatThrownBy(() -> service.send(call(ALICE), id, new MessageRequest("second")))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.status()).isEqualTo(409);
                    assertThat(e.retryAfter()).isPresent();
                });
        release.countDown();
        assertThat(first.get(10, TimeUnit.SECONDS).reply()).isEqualTo("First answer");

        llm.thenAnswer("Second answer");
        assertThat(service.send(call(ALICE), id, new MessageRequest("second")).turn()).isEqualTo(2);
        assertThat(service.get(call(ALICE), id).messages()).extracting(Views.MessageView::content)
                .containsExactly("first", "First answer", "second", "Second answer");
    }

    @Test
    void should_take_over_a_lease_left_by_a_crashed_turn_once_it_expires() {
        String id = conversation();
        var leases = new TurnLeases(new ConversationRepository(kit.tables, "agentconversations", "agentmessages"),
                clock, Duration.ofMinutes(2));
        leases.begin(ALICE.tenant(), id);
        llm.thenAnswer("Back again");
        assertThatThrownBy(() -> service.send(call(ALICE), id, new MessageRequest("hello?")))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.status()).isEqualTo(409));

        clock.advance(Duration.ofMinutes(2).plusSeconds(1));
        var reply = service.send(call(ALICE), id, new MessageRequest("hello?"));
        assertThat(reply.turn()).isEqualTo(2);
        assertThat(reply.reply()).isEqualTo("Back again");
    }

    @Test
    void should_store_nothing_and_free_the_conversation_when_the_model_fails() {
        String id = conversation();
        llm.then(request -> {
            throw new LlmException("throttled", 429, true, Duration.ofSeconds(7), null);
        });
        assertThatThrownBy(() -> service.send(call(ALICE), id, new MessageRequest("hello")))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.status()).isEqualTo(503);
                    assertThat(e.retryAfter()).contains(Duration.ofSeconds(7));
                });
        assertThat(service.get(call(ALICE), id).messages()).isEmpty();
        llm.thenAnswer("Hi");
        assertThat(service.send(call(ALICE), id, new MessageRequest("hello")).reply()).isEqualTo("Hi");
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
