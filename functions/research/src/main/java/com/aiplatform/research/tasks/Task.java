package com.aiplatform.research.tasks;

import com.aiplatform.shared.identity.Caller;
import com.aiplatform.shared.identity.TenantId;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A research task as stored in its one Table row: status, plan, the state of each sub-question for the
 * fan-in, the spending ledger and the event log. A row read from the store is changed through these
 * methods and written back under its ETag (see {@link TaskRepository#update}), so every change, and the
 * events that report it, is applied once or not at all.
 */
public final class Task {

    private final TaskKey key;
    private final Owner owner;
    private final String question;
    private final TaskLimits limits;
    private final Instant createdAt;
    private final String traceparent;
    private TaskStatus status;
    private String reason;
    private String planner;
    private List<String> subQuestions;
    private String stepStates;
    private Instant phaseSince;
    private boolean nextQueued;
    private Instant claimUntil;
    private int claimAttempt;
    private Ledger ledger;
    private List<TaskEvent> events;
    private String lastError;
    private Instant updatedAt;
    private Instant completedAt;
    private String reportPath;
    private final String etag;

    /**
     * Who started the task: its identity, groups included, is reused for every call made on the task's behalf, so
     * its searches see exactly the documents the owner may read.
     */
    public record Owner(String consumerId, Set<String> roles, Set<String> groups) {
        public Owner {
            roles = roles == null ? Set.of() : Set.copyOf(roles);
            groups = groups == null ? Set.of() : Set.copyOf(groups);
        }

        public Owner(String consumerId, Set<String> roles) {
            this(consumerId, roles, Set.of());
        }

        public static Owner of(Caller caller) {
            return new Owner(caller.consumerId(), caller.roles(), caller.groups());
        }

        public Caller caller(TenantId tenant) {
            return new Caller(consumerId, tenant, roles, groups);
        }
    }

    Task(TaskKey key, Owner owner, String question, TaskLimits limits, Instant createdAt, String traceparent,
         TaskStatus status, String reason, String planner, List<String> subQuestions, String stepStates,
         Instant phaseSince, boolean nextQueued, Instant claimUntil, int claimAttempt, Ledger ledger,
         List<TaskEvent> events, String lastError, Instant updatedAt, Instant completedAt, String reportPath,
         String etag) {
        this.key = key;
        this.owner = owner;
        this.question = question;
        this.limits = limits;
        this.createdAt = createdAt;
        this.traceparent = traceparent;
        this.status = status;
        this.reason = reason;
        this.planner = planner;
        this.subQuestions = List.copyOf(subQuestions);
        this.stepStates = stepStates;
        this.phaseSince = phaseSince;
        this.nextQueued = nextQueued;
        this.claimUntil = claimUntil;
        this.claimAttempt = claimAttempt;
        this.ledger = ledger;
        this.events = new ArrayList<>(events);
        this.lastError = lastError;
        this.updatedAt = updatedAt;
        this.completedAt = completedAt;
        this.reportPath = reportPath;
        this.etag = etag;
    }

    public static Task create(TaskKey key, Owner owner, String question, TaskLimits limits, Instant now,
                              String traceparent) {
        Task task = new Task(key, owner, question, limits, now, traceparent, TaskStatus.QUEUED, null, null, List.of(),
                "", now, false, null, 0, Ledger.empty(), List.of(), null, now, null, null, null);
        task.event("created", "Task accepted; waiting for the planner", null, now);
        return task;
    }

    /** Moves to {@code next}; the message that starts the next phase is not yet sent ({@link #nextQueued()}). */
    public void transition(TaskStatus next, String why, Instant now) {
        if (status.terminal()) {
            throw new IllegalStateException("Task " + key + " is " + status.wire() + " and cannot become " + next.wire());
        }
        status = next;
        reason = why;
        phaseSince = now;
        nextQueued = false;
        claimUntil = null;
        if (next.terminal()) {
            completedAt = now;
        }
        event(next.wire(), why == null ? "Task is " + next.wire() : why, null, now);
    }

    public void event(String type, String message, Integer step, Instant now) {
        long cursor = events.isEmpty() ? 1 : events.get(events.size() - 1).cursor() + 1;
        events.add(new TaskEvent(cursor, now, type, message, step));
        updatedAt = now;
    }

    public void planned(String plannerLabel, List<String> questions, Instant now) {
        planner = plannerLabel;
        subQuestions = List.copyOf(questions);
        stepStates = String.valueOf(StepState.PENDING.symbol()).repeat(questions.size());
        transition(TaskStatus.RESEARCHING, "Planned " + questions.size() + " sub-questions (" + plannerLabel + ")", now);
    }

    /** Records a step's final state once; false if it was already recorded. */
    public boolean markStep(int index, StepState state) {
        if (!state.finished()) {
            throw new IllegalArgumentException("A step is marked with a final state, not " + state);
        }
        if (stepState(index) != StepState.PENDING) {
            return false;
        }
        char[] states = stepStates.toCharArray();
        states[index] = state.symbol();
        stepStates = new String(states);
        return true;
    }

    public boolean allStepsFinished() {
        return !stepStates.isEmpty() && stepStates.indexOf(StepState.PENDING.symbol()) < 0;
    }

    public int stepCount() {
        return stepStates.length();
    }

    /** A step's state as the fan-in knows it: {@link StepState#PENDING} until it finished. */
    public StepState stepState(int index) {
        return StepState.ofSymbol(stepStates.charAt(index));
    }

    public long stepsIn(StepState state) {
        return stepStates.chars().filter(c -> c == state.symbol()).count();
    }

    /** 0 queued, 5 planning, 10..90 as sub-questions finish, 90 synthesizing, 100 completed. */
    public int percentComplete() {
        return switch (status) {
            case QUEUED -> 0;
            case PLANNING -> 5;
            case COMPLETED -> 100;
            case SYNTHESIZING -> 90;
            default -> stepStates.isEmpty() ? (status == TaskStatus.RESEARCHING ? 10 : 0)
                    : 10 + (int) (80 * (stepStates.length() - stepsIn(StepState.PENDING)) / stepStates.length());
        };
    }

    /** Claims the current phase (planning, synthesizing) for one worker until {@code until}; false if held. */
    public boolean claim(Instant now, Instant until) {
        if (claimUntil != null && claimUntil.isAfter(now)) {
            return false;
        }
        claimUntil = until;
        claimAttempt++;
        return true;
    }

    public void release() {
        claimUntil = null;
    }

    public void markNextQueued() {
        nextQueued = true;
    }

    public void ledger(Ledger value, Instant now) {
        ledger = value;
        updatedAt = now;
    }

    public void failure(String error, Instant now) {
        lastError = error;
        updatedAt = now;
    }

    public void report(String path) {
        reportPath = path;
    }

    public boolean overBudget(BigDecimal extra) {
        return ledger.committedUsd().add(extra).compareTo(limits.maxCostUsd()) > 0;
    }

    public boolean pastDeadline(Instant now) {
        return now.isAfter(createdAt.plusSeconds(limits.maxDurationSeconds()));
    }

    public TaskKey key() { return key; }
    public Owner owner() { return owner; }
    public String question() { return question; }
    public TaskLimits limits() { return limits; }
    public Instant createdAt() { return createdAt; }
    public String traceparent() { return traceparent; }
    public TaskStatus status() { return status; }
    public String reason() { return reason; }
    public String planner() { return planner; }
    public List<String> subQuestions() { return subQuestions; }
    public String stepStates() { return stepStates; }
    public Instant phaseSince() { return phaseSince; }
    public boolean nextQueued() { return nextQueued; }
    public Instant claimUntil() { return claimUntil; }
    public int claimAttempt() { return claimAttempt; }
    public Ledger ledger() { return ledger; }
    public List<TaskEvent> events() { return List.copyOf(events); }
    public String lastError() { return lastError; }
    public Instant updatedAt() { return updatedAt; }
    public Instant completedAt() { return completedAt; }
    public String reportPath() { return reportPath; }
    public String etag() { return etag; }
}
