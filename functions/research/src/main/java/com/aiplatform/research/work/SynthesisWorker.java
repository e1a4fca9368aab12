package com.aiplatform.research.work;

import com.aiplatform.research.report.Report;
import com.aiplatform.research.report.ReportWriter;
import com.aiplatform.research.steps.Evidence;
import com.aiplatform.research.steps.Step;
import com.aiplatform.research.tasks.Task;
import com.aiplatform.research.tasks.TaskKey;
import com.aiplatform.research.tasks.TaskStatus;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Handles the synthesize message: claims the synthesis on the task row, writes the report from the
 * findings, stores it, completes the task and publishes {@code TaskCompleted}. A second message finds the
 * synthesis claimed (retried later) or the task completed (publishes the event only if that never happened).
 */
public final class SynthesisWorker {

    private final ResearchStores stores;
    private final ReportWriter writer;
    private final ModelCalls models;
    private final Reports reports;
    private final CompletionEvents events;
    private final Checkpoint checkpoint;
    private final Duration claimTimeout;
    private final Clock clock;

    public SynthesisWorker(ResearchStores stores, ModelCalls models, CompletionEvents events, Checkpoint checkpoint,
                           Duration claimTimeout, Clock clock) {
        this.stores = stores;
        this.writer = new ReportWriter();
        this.models = models;
        this.reports = new Reports(stores.blobs(), stores.container());
        this.events = events;
        this.checkpoint = checkpoint;
        this.claimTimeout = claimTimeout;
        this.clock = clock;
    }

    public void run(WorkMessage message) {
        TaskKey key = message.key();
        Optional<Task> current = stores.tasks().get(key);
        if (current.isPresent() && current.get().status() == TaskStatus.COMPLETED) {
            announce(current.get());
            return;
        }
        if (checkpoint.active(key).filter(t -> t.status() == TaskStatus.SYNTHESIZING).isEmpty()) {
            return;
        }
        Task claimed = claim(key);
        try {
            synthesize(claimed);
        } catch (RuntimeException e) {
            stores.tasks().update(key, t -> {
                t.failure("Synthesis failed: " + e, clock.instant());
                t.release();
                return true;
            });
            throw e;
        }
    }

    private Task claim(TaskKey key) {
        AtomicBoolean mine = new AtomicBoolean();
        Task after = stores.tasks().update(key, t -> {
            mine.set(t.status() == TaskStatus.SYNTHESIZING
                    && t.claim(clock.instant(), clock.instant().plus(claimTimeout)));
            return mine.get();
        }).orElseThrow();
        if (!mine.get()) {
            throw new WorkInProgressException("Task " + key + " is being synthesized by another worker");
        }
        return after;
    }

    private void synthesize(Task task) {
        List<Step> steps = stores.steps().list(task.key());
        Evidence evidence = new Evidence(stores.blobs(), stores.container());
        Optional<Report> report = writer.write(task.question(), steps,
                step -> step.evidence() == null ? List.of() : evidence.load(task.key(), step.evidence()),
                models.gate(task, "synth#" + task.claimAttempt(), "research.synthesize", new AtomicLong()));
        if (report.isEmpty()) {
            return;
        }
        String path = reports.save(task.key(), report.get());
        Optional<Task> after = stores.tasks().update(task.key(), t -> {
            if (t.status() != TaskStatus.SYNTHESIZING) {
                return false;
            }
            t.report(path);
            t.transition(TaskStatus.COMPLETED, "Report ready with " + report.get().citations().size() + " cited sources",
                    clock.instant());
            return true;
        });
        after.ifPresent(this::announce);
    }

    /** Publishes {@code TaskCompleted} unless the row says it was published, then records that it was. */
    private void announce(Task task) {
        if (task.status() != TaskStatus.COMPLETED || task.nextQueued() || task.reportPath() == null) {
            return;
        }
        Report report = reports.load(task.key(), task.reportPath()).orElseThrow(() -> new IllegalStateException(
                "Report " + task.reportPath() + " of " + task.key() + " is missing"));
        events.completed(task, report);
        stores.tasks().update(task.key(), t -> {
            if (t.nextQueued()) {
                return false;
            }
            t.markNextQueued();
            return true;
        });
    }
}
