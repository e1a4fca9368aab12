package com.aiplatform.research.tasks;

import com.aiplatform.shared.identity.TenantId;
import com.aiplatform.shared.table.ConcurrencyException;
import com.aiplatform.shared.table.TableStore;

import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/** Task rows in Table storage: the tenant is the partition key, the task id the row key. */
public final class TaskRepository {

    /** Writers of one task race on its row (every step reports there); losing this often means a bug. */
    private static final int MAX_ATTEMPTS = 200;

    private final TableStore tables;
    private final String table;

    public TaskRepository(TableStore tables, String table) {
        this.tables = tables;
        this.table = table;
    }

    public Optional<Task> get(TaskKey key) {
        return tables.get(table, key.tenant().value(), key.id()).map(TaskCodec::fromEntity);
    }

    public List<Task> list(TenantId tenant) {
        return tables.list(table, tenant.value()).stream().map(TaskCodec::fromEntity).toList();
    }

    /** Stores a new task; {@link ConcurrencyException} if the id is taken. */
    public Task insert(Task task) {
        return TaskCodec.fromEntity(tables.insert(table, TaskCodec.toEntity(task)));
    }

    /**
     * Reads the task, lets {@code change} modify it and writes it back if the row is still as read (ETag);
     * on a lost race reads again and repeats. {@code change} returns false to write nothing, and must be
     * free of side effects because it may run several times. Empty if the task does not exist.
     */
    public Optional<Task> update(TaskKey key, Predicate<Task> change) {
        return update(key, null, change);
    }

    /**
     * As {@link #update(TaskKey, Predicate)}, trying first on {@code lastRead} (a row this worker read a moment
     * ago, with its ETag) instead of reading again: without a concurrent writer that saves a round trip; with one,
     * the ETag no longer matches and the loop reads the row as usual.
     */
    public Optional<Task> update(TaskKey key, Task lastRead, Predicate<Task> change) {
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            Optional<Task> current = attempt == 1 && lastRead != null && lastRead.etag() != null
                    ? Optional.of(TaskCodec.fromEntity(TaskCodec.toEntity(lastRead))) : get(key);
            if (current.isEmpty()) {
                return Optional.empty();
            }
            Task task = current.get();
            if (!change.test(task)) {
                return Optional.of(task);
            }
            try {
                return Optional.of(TaskCodec.fromEntity(tables.replace(table, TaskCodec.toEntity(task))));
            } catch (ConcurrencyException lostRace) {
                Thread.onSpinWait();
            }
        }
        throw new ConcurrencyException("Task " + key + " kept changing under " + MAX_ATTEMPTS + " attempts to update it",
                null);
    }
}
