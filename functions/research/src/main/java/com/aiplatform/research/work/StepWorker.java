package com.aiplatform.research.work;

import com.aiplatform.research.steps.Evidence;
import com.aiplatform.research.steps.Step;
import com.aiplatform.research.steps.StepTimings;
import com.aiplatform.research.tasks.StepState;
import com.aiplatform.research.tasks.Task;
import com.aiplatform.shared.concurrent.Await;
import com.aiplatform.shared.identity.Caller;
import com.aiplatform.shared.knowledge.KnowledgeBase;
import com.aiplatform.shared.llm.LlmException;
import com.aiplatform.shared.problem.ProblemException;
import com.aiplatform.shared.table.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Handles a step message: claims the sub-question while it searches the knowledge app (over its HTTP API, as
 * the task's owner), drafts a finding with the model, stores the evidence and the finding, and reports to the
 * fan-in. It checks the task between calls and stops if it was cancelled, ran out of budget or time. Round
 * trips that do not depend on each other run side by side on {@code io}: every one saved is overhead per step.
 * Errors the caller can fix (a 4xx from knowledge, a refused model request) fail the step at once; others
 * are thrown, so the queue retries the message and finally moves it to the poison queue.
 */
public final class StepWorker {

    private static final Logger LOG = LoggerFactory.getLogger(StepWorker.class);

    private final ResearchStores stores;
    private final KnowledgeBase knowledge;
    private final FindingWriter writer;
    private final Evidence evidence;
    private final Checkpoint checkpoint;
    private final FanIn fanIn;
    private final int topK;
    private final Duration claimTimeout;
    private final Executor io;
    private final Clock clock;

    public StepWorker(ResearchStores stores, KnowledgeBase knowledge, FindingWriter writer, Checkpoint checkpoint,
                      FanIn fanIn, int topK, Duration claimTimeout, Executor io, Clock clock) {
        this.stores = stores;
        this.knowledge = knowledge;
        this.writer = writer;
        this.evidence = new Evidence(stores.blobs(), stores.container());
        this.checkpoint = checkpoint;
        this.fanIn = fanIn;
        this.topK = topK;
        this.claimTimeout = claimTimeout;
        this.io = io;
        this.clock = clock;
    }

    public void run(WorkMessage message) {
        long start = System.nanoTime();
        // The two reads are independent round trips: the step's is made beside the task's.
        CompletableFuture<Optional<Step>> stepRead = CompletableFuture.supplyAsync(
                () -> stores.steps().get(message.key(), message.step()), io);
        Optional<Task> read = stores.tasks().get(message.key());
        Optional<Step> found = Await.result(stepRead);
        if (read.isEmpty() || found.isEmpty()) {
            return;
        }
        Step step = found.get();
        if (step.state().finished()) {
            resume(read.get(), step);
            return;
        }
        Optional<Task> task = checkpoint.active(read.get());
        if (task.isEmpty()) {
            return;
        }
        if (step.claimedAt(clock.instant())) {
            throw new WorkInProgressException("Sub-question " + step.index() + " of " + step.task() + " is being researched");
        }
        // The search does not depend on the claim: it runs while the claim is written, and is dropped if the
        // claim is lost (another worker has the sub-question; the search only read).
        Caller caller = task.get().owner().caller(message.key().tenant());
        CompletableFuture<Retrieval> retrieval = CompletableFuture.supplyAsync(() -> retrieve(caller, step), io);
        Step claimed;
        try {
            claimed = stores.steps().replace(step.claimed(clock.instant(), clock.instant().plus(claimTimeout)));
        } catch (ConcurrencyException lost) {
            throw new WorkInProgressException("Another worker claimed sub-question " + step.index() + " of " + step.task());
        }
        try {
            research(task.get(), claimed, Await.result(retrieval), message, start);
        } catch (ProblemException | LlmException e) {
            // An unavailable dependency (the model, or the platform's budget API answering 5xx) may come back:
            // the queue retries the message. A refusal the caller could fix fails the step at once.
            if (e instanceof LlmException llm ? llm.retriable() : ((ProblemException) e).status() >= 500) {
                throw remember(claimed, e);
            }
            finish(claimed.ended(StepState.FAILED, "Not retried: " + e.getMessage(), clock.instant()), null, null);
        } catch (RuntimeException e) {
            throw remember(claimed, e);
        }
    }

    /**
     * A redelivered message of a step whose result is stored: the worker before may have stopped after writing it,
     * so its accounting is made again and it is reported to the fan-in again (each counts once).
     */
    private void resume(Task task, Step step) {
        writer.reaccount(task, step);
        fanIn.stepFinished(step.task(), task, step.index(), step.state(), null, null);
    }

    /** The numbered passages knowledge returned for the sub-question, and how long the call took. */
    private record Retrieval(List<Evidence.Passage> passages, long nanos) {
    }

    private Retrieval retrieve(Caller caller, Step step) {
        long searchStart = System.nanoTime();
        List<Evidence.Passage> passages = Evidence.number(knowledge.search(caller, step.question(), topK));
        return new Retrieval(passages, System.nanoTime() - searchStart);
    }

    private void research(Task task, Step step, Retrieval retrieval, WorkMessage message, long start) {
        List<Evidence.Passage> passages = retrieval.passages();
        long searchNanos = retrieval.nanos();
        // The next checkpoint: the model call's reservation checks the task, or this read when there is no call.
        Optional<Task> seen = passages.isEmpty() ? checkpoint.active(task.key()) : Optional.of(task);
        if (seen.isEmpty()) {
            stop(step);
            return;
        }
        AtomicLong modelNanos = new AtomicLong();
        Optional<FindingWriter.Drafted> drafted = writer.write(task, step, passages, modelNanos);
        if (drafted.isEmpty()) {
            stop(step);
            return;
        }
        String reference = evidence.save(task.key(), step.index(), passages);
        long queueWait = message.sentAt() == null ? 0 : Math.max(0, Duration.between(message.sentAt(), clock.instant()).toMillis());
        var timings = new StepTimings(queueWait, searchNanos / 1_000_000, modelNanos.get() / 1_000_000,
                (System.nanoTime() - start) / 1_000_000);
        Task lastSeen = drafted.get().seen() != null ? drafted.get().seen() : seen.get();
        finish(step.completed(drafted.get().finding(), reference, timings, clock.instant()), drafted.get().settlement(),
                lastSeen);
        Await.result(drafted.get().accounted());
    }

    /** Records the step, then reports it (and settles its model call) to the fan-in in one write of the task row. */
    private void finish(Step ended, ModelCalls.Settlement settlement, Task lastSeen) {
        try {
            stores.steps().replace(ended);
        } catch (ConcurrencyException lost) {
            LOG.warn("Sub-question {} of {} was taken over after its claim lapsed; the new holder records it",
                    ended.index(), ended.task());
            return;
        }
        fanIn.stepFinished(ended.task(), lastSeen, ended.index(), ended.state(), ended.error(), settlement);
    }

    /** The task stopped (cancelled, budget, deadline): the step is left as not run. */
    private void stop(Step step) {
        try {
            stores.steps().replace(step.ended(StepState.SKIPPED, "The task stopped before this sub-question finished",
                    clock.instant()));
        } catch (ConcurrencyException ignored) {
            LOG.debug("Sub-question {} of {} changed while stopping", step.index(), step.task());
        }
    }

    /** Keeps the error on the step for the status API and the poison handler, and frees the claim for the retry. */
    private RuntimeException remember(Step step, RuntimeException e) {
        try {
            stores.steps().replace(new Step(step.task(), step.index(), step.question(), StepState.RUNNING,
                    step.attempts(), clock.instant(), null, List.of(), null, null, 0, 0, null,
                    "Attempt " + step.attempts() + " failed: " + e, null, step.startedAt(), null, step.etag()));
        } catch (RuntimeException ignored) {
            LOG.debug("Could not record the error of sub-question {} of {}", step.index(), step.task());
        }
        return e;
    }
}
