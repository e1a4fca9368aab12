package com.aiplatform.platform.budget;

import com.aiplatform.shared.problem.ProblemException;
import com.aiplatform.shared.table.ConcurrencyException;
import com.aiplatform.shared.table.TableEntity;
import com.aiplatform.shared.table.TableStore;

import java.time.Clock;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Budgets and reservations of one tenant in one partition. Every change to a budget is a read, a
 * check and a replace conditional on the ETag read, repeated when another writer got there first, so
 * concurrent reservations serialise on the budget row and none can take more than is left.
 */
final class BudgetRepository {

    private static final int MAX_ATTEMPTS = 200;

    private final TableStore tables;
    private final String table;
    private final Clock clock;

    BudgetRepository(TableStore tables, String table, Clock clock) {
        this.tables = tables;
        this.table = table;
        this.clock = clock;
    }

    Optional<BudgetState> get(String tenantId, String scope, String subjectId) {
        return tables.get(table, tenantId, BudgetState.rowKey(scope, subjectId))
                .map(BudgetState::from).map(b -> b.at(clock.instant()));
    }

    void put(String tenantId, BudgetState state) {
        if (state.etag() == null) {
            tables.insert(table, state.toEntity(tenantId));
        } else {
            tables.replace(table, state.toEntity(tenantId));
        }
    }

    /**
     * Applies {@code change} to the budget as of now and writes it conditionally, retrying on conflicts.
     * Empty if there is no such budget. {@code change} may throw to refuse; nothing is written then.
     */
    Optional<BudgetState> update(String tenantId, String scope, String subjectId, UnaryOperator<BudgetState> change) {
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            Optional<BudgetState> current = get(tenantId, scope, subjectId);
            if (current.isEmpty()) {
                return Optional.empty();
            }
            BudgetState changed = change.apply(current.get());
            try {
                tables.replace(table, changed.toEntity(tenantId));
                return Optional.of(changed);
            } catch (ConcurrencyException e) {
                Thread.onSpinWait();
            }
        }
        throw ProblemException.unavailable("The " + scope + " budget is too contended right now", null);
    }

    Optional<TableEntity> reservation(String tenantId, String reservationId) {
        return tables.get(table, tenantId, "reservation|" + reservationId);
    }

    /** @throws ConcurrencyException if the reservation exists already */
    void insertReservation(TableEntity reservation) {
        tables.insert(table, reservation);
    }

    /** @throws ConcurrencyException if the reservation changed since it was read */
    void replaceReservation(TableEntity reservation) {
        tables.replace(table, reservation);
    }
}
