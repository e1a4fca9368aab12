package com.aiplatform.platform.deadletters;

import com.aiplatform.platform.access.Access;
import com.aiplatform.shared.identity.Caller;
import com.aiplatform.shared.problem.ProblemException;
import com.aiplatform.shared.queue.QueueMessage;
import com.aiplatform.shared.queue.WorkQueue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Dead letters of every app: list the {@code -poison} queues, inspect their messages (peeked, so
 * inspection changes nothing), replay one back to its source queue. Replay sends first and deletes
 * second (at least once: a crash in between leaves a copy in both, which the app's idempotent
 * handler absorbs) and writes an audit record. Platform admins only: dead letters cross tenants.
 */
public final class DeadLetterService {

    public static final String SUFFIX = "-poison";
    private static final Duration LEASE = Duration.ofSeconds(30);

    private final WorkQueue queues;
    private final ReplayAudit audit;

    public DeadLetterService(WorkQueue queues, ReplayAudit audit) {
        this.queues = queues;
        this.audit = audit;
    }

    public List<PoisonQueue> list(Caller caller) {
        Access.requirePlatformAdmin(caller);
        return queues.queues("").stream().filter(q -> q.endsWith(SUFFIX))
                .map(q -> new PoisonQueue(q, source(q), queues.depth(q))).toList();
    }

    public List<DeadLetter> inspect(Caller caller, String poisonQueue) {
        Access.requirePlatformAdmin(caller);
        return queues.peek(existing(poisonQueue), 32).stream().map(m -> letter(poisonQueue, m)).toList();
    }

    public Replay replay(Caller caller, String poisonQueue, String messageId) {
        Access.requirePlatformAdmin(caller);
        String queue = existing(poisonQueue);
        List<QueueMessage> batch = queues.receive(queue, 32, LEASE);
        Optional<QueueMessage> target = batch.stream().filter(m -> m.id().equals(messageId)).findFirst();
        batch.stream().filter(m -> !m.id().equals(messageId)).forEach(m -> queues.release(queue, m, Duration.ZERO));
        if (target.isEmpty()) {
            throw ProblemException.notFound("Dead letter", messageId);
        }
        String destination = source(queue);
        queues.send(destination, target.get().body());
        queues.delete(queue, target.get());
        return audit.record(caller, Replay.QUEUE, queue, messageId, destination, target.get().body());
    }

    /** Every replay, of queue messages and of events. */
    public List<Replay> audit(Caller caller) {
        Access.requirePlatformAdmin(caller);
        return audit.list();
    }

    private String existing(String poisonQueue) {
        if (poisonQueue == null || !poisonQueue.matches("[a-z0-9][a-z0-9-]{1,61}[a-z0-9]") || !poisonQueue.endsWith(SUFFIX)
                || !queues.queues(poisonQueue).contains(poisonQueue)) {
            throw ProblemException.notFound("Poison queue", String.valueOf(poisonQueue));
        }
        return poisonQueue;
    }

    private static String source(String poisonQueue) {
        return poisonQueue.substring(0, poisonQueue.length() - SUFFIX.length());
    }

    private static DeadLetter letter(String queue, QueueMessage message) {
        return new DeadLetter(queue, message.id(), message.insertedOn(), message.dequeueCount(), message.body());
    }
}
