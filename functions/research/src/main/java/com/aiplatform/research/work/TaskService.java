package com.aiplatform.research.work;

import com.aiplatform.research.report.Report;
import com.aiplatform.research.steps.Step;
import com.aiplatform.research.steps.StepRepository;
import com.aiplatform.research.tasks.CreateTaskRequest;
import com.aiplatform.research.tasks.Task;
import com.aiplatform.research.tasks.TaskEvent;
import com.aiplatform.research.tasks.TaskKey;
import com.aiplatform.research.tasks.TaskRepository;
import com.aiplatform.research.tasks.TaskStatus;
import com.aiplatform.shared.identity.Caller;
import com.aiplatform.shared.identity.TenantId;
import com.aiplatform.shared.problem.ProblemException;
import com.aiplatform.shared.table.ConcurrencyException;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Starting, reading, listing and cancelling tasks for a caller. A task of another tenant is found nowhere
 * here: every read is by the caller's tenant (the partition), so it is as missing as an unknown id; inside the
 * tenant a task is its owner's alone (a tenant admin may also cancel it), because its report cites documents only
 * the owner may read.
 */
public final class TaskService {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final TaskRepository tasks;
    private final StepRepository steps;
    private final Reports reports;
    private final Messages messages;
    private final String planQueue;
    private final TaskRequests requests;
    private final Checkpoint checkpoint;
    private final Clock clock;

    public TaskService(TaskRepository tasks, StepRepository steps, Reports reports, Messages messages, String planQueue,
                       TaskRequests requests, Checkpoint checkpoint, Clock clock) {
        this.tasks = tasks;
        this.steps = steps;
        this.reports = reports;
        this.messages = messages;
        this.planQueue = planQueue;
        this.requests = requests;
        this.checkpoint = checkpoint;
        this.clock = clock;
    }

    /** A task with what the status API shows: its steps and, once completed, its report. */
    public record Details(Task task, List<Step> steps, Optional<Report> report) {
    }

    /**
     * Stores the task and queues its plan message. With an {@code idempotencyKey} the same caller sending the
     * same request again gets the same task (and its plan message again, if it is still queued).
     */
    public Task create(Caller caller, CreateTaskRequest request, String idempotencyKey, String traceparent) {
        TaskRequests.Valid valid = requests.validate(request);
        TaskKey key = new TaskKey(caller.tenant(), idempotencyKey == null ? randomId() : derivedId(caller, idempotencyKey));
        Task task;
        try {
            task = tasks.insert(Task.create(key, Task.Owner.of(caller), valid.question(),
                    valid.limits(), clock.instant(), traceparent));
        } catch (ConcurrencyException exists) {
            task = tasks.get(key).orElseThrow(() -> exists);
            if (!task.question().equals(valid.question()) || !task.limits().equals(valid.limits())) {
                throw ProblemException.conflict("Idempotency-Key was used before for a different request");
            }
            if (task.status() != TaskStatus.QUEUED) {
                return task;
            }
        }
        messages.send(planQueue, WorkMessage.of(key, null, clock.instant(), traceparent));
        return task;
    }

    public Details get(Caller caller, String id) {
        Task task = find(caller, id);
        if (!task.status().terminal() && task.pastDeadline(clock.instant())) {
            task = checkpoint.expire(task.key()).orElse(task);
        }
        Optional<Report> report = task.reportPath() == null ? Optional.empty() : reports.load(task.key(), task.reportPath());
        return new Details(task, steps.list(task.key()), report);
    }

    public List<Task> list(Caller caller, Optional<TaskStatus> status) {
        return tasks.list(caller.tenant()).stream()
                .filter(t -> t.owner().consumerId().equals(caller.consumerId()))
                .filter(t -> status.isEmpty() || t.status() == status.get())
                .sorted(java.util.Comparator.comparing(Task::createdAt).reversed()
                        .thenComparing(t -> t.key().id()))
                .toList();
    }

    public List<TaskEvent> events(Caller caller, String id, long after) {
        return find(caller, id).events().stream().filter(e -> e.cursor() > after).toList();
    }

    /**
     * The caller's own task. A report cites the documents its owner may read, which another consumer of the tenant
     * may not, so another's task is answered exactly like a missing one.
     */
    public Task find(Caller caller, String id) {
        Task task = find(caller.tenant(), id);
        if (!task.owner().consumerId().equals(caller.consumerId())) {
            throw ProblemException.notFound("Research task", id);
        }
        return task;
    }

    public Task find(TenantId tenant, String id) {
        if (!TaskKey.valid(id)) {
            throw ProblemException.notFound("Research task", id);
        }
        return tasks.get(new TaskKey(tenant, id)).orElseThrow(() -> ProblemException.notFound("Research task", id));
    }

    /** Cancels a running task (its steps stop at their next checkpoint); cancelling twice is fine, a finished task is 409. */
    public Task cancel(Caller caller, String id) {
        Task task = caller.hasRole(Caller.ADMIN) ? find(caller.tenant(), id) : find(caller, id);
        Task after = tasks.update(task.key(), t -> {
            if (t.status().terminal()) {
                return false;
            }
            t.transition(TaskStatus.CANCELLED, "Cancelled by " + caller.consumerId(), clock.instant());
            return true;
        }).orElseThrow(() -> ProblemException.notFound("Research task", id));
        if (after.status() != TaskStatus.CANCELLED) {
            throw ProblemException.conflict("Task " + id + " is already " + after.status().wire() + "; nothing to cancel");
        }
        return after;
    }

    private static String randomId() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return "rt-" + HexFormat.of().formatHex(bytes);
    }

    private static String derivedId(Caller caller, String idempotencyKey) {
        if (idempotencyKey.isBlank() || idempotencyKey.length() > 200) {
            throw ProblemException.badRequest("Idempotency-Key must be 1 to 200 characters");
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest((caller.tenant().value() + "\n"
                    + caller.consumerId() + "\n" + idempotencyKey).getBytes(StandardCharsets.UTF_8));
            return "rt-" + HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
