package com.aiplatform.platform.deadletters;

import com.aiplatform.platform.Callers;
import com.aiplatform.shared.problem.ProblemException;
import com.aiplatform.shared.queue.memory.InMemoryWorkQueue;
import com.aiplatform.shared.table.memory.InMemoryTableStore;
import org.junit.jupiter.api.Test;

import java.time.Clock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DeadLetterServiceTest {

    private final InMemoryWorkQueue queues = new InMemoryWorkQueue(Clock.systemUTC());
    private final DeadLetterService deadLetters = new DeadLetterService(queues,
            new ReplayAudit(new InMemoryTableStore(), "audit", Clock.systemUTC()));

    @Test
    void should_send_the_message_back_to_its_queue_and_audit_who_did_it_when_replayed() {
        queues.createIfMissing("research-steps");
        queues.send("research-steps-poison", "{\"step\":1}");
        queues.send("research-steps-poison", "{\"step\":2}");

        assertThat(deadLetters.list(Callers.platformAdmin())).containsExactly(
                new PoisonQueue("research-steps-poison", "research-steps", 2));
        var letters = deadLetters.inspect(Callers.platformAdmin(), "research-steps-poison");
        assertThat(letters).extracting(DeadLetter::body).containsExactly("{\"step\":1}", "{\"step\":2}");

        Replay replay = deadLetters.replay(Callers.platformAdmin(), "research-steps-poison", letters.get(1).messageId());

        assertThat(queues.bodies("research-steps")).containsExactly("{\"step\":2}");
        assertThat(queues.bodies("research-steps-poison")).containsExactly("{\"step\":1}");
        assertThat(replay.replayedTo()).isEqualTo("research-steps");
        assertThat(deadLetters.audit(Callers.platformAdmin())).singleElement().satisfies(a -> {
            assertThat(a.consumerId()).isEqualTo("operator");
            assertThat(a.messageId()).isEqualTo(letters.get(1).messageId());
            assertThat(a.poisonQueue()).isEqualTo("research-steps-poison");
        });
    }

    @Test
    void should_refuse_anyone_but_a_platform_admin_and_unknown_queues_or_messages() {
        queues.send("work-poison", "x");

        assertThatThrownBy(() -> deadLetters.list(Callers.admin("acme")))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.status()).isEqualTo(403));
        assertThatThrownBy(() -> deadLetters.inspect(Callers.platformAdmin(), "work"))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.status()).isEqualTo(404));
        assertThatThrownBy(() -> deadLetters.replay(Callers.platformAdmin(), "work-poison", "no-such-id"))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.status()).isEqualTo(404));
        assertThat(queues.bodies("work-poison")).containsExactly("x");
    }
}
