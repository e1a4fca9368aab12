package com.aiplatform.shared.table.azure;

import com.aiplatform.shared.azure.errors.AzureUnavailableException;
import com.aiplatform.shared.table.ConcurrencyException;
import com.aiplatform.shared.table.TableEntity;
import com.aiplatform.shared.table.TableOperation;
import com.aiplatform.shared.table.TableStore;
import com.azure.core.util.Context;
import com.azure.data.tables.TableClient;
import com.azure.data.tables.TableServiceClient;
import com.azure.data.tables.models.ListEntitiesOptions;
import com.azure.data.tables.models.TableErrorCode;
import com.azure.data.tables.models.TableEntityUpdateMode;
import com.azure.data.tables.models.TableServiceException;
import com.azure.data.tables.models.TableTransactionAction;
import com.azure.data.tables.models.TableTransactionActionType;
import com.azure.data.tables.models.TableTransactionFailedException;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static com.aiplatform.shared.table.azure.EntityConversion.fromAzure;
import static com.aiplatform.shared.table.azure.EntityConversion.toAzure;
import static com.aiplatform.shared.table.azure.EntityConversion.withETag;

/**
 * {@link TableStore} on Azure Table storage (Azurite locally). Tables are created on first use.
 * Conflicts (409 exists, 412 stale ETag, 404 on a conditional replace) become {@link ConcurrencyException}.
 */
public final class AzureTableStore implements TableStore {

    private static final int MAX_BATCH = 100;
    /** Errors of a failed batch that mean the request itself is wrong (the batch has no status of its own). */
    private static final Set<TableErrorCode> INVALID_REQUEST = Set.of(TableErrorCode.INVALID_INPUT,
            TableErrorCode.OUT_OF_RANGE_INPUT, TableErrorCode.INVALID_VALUE_TYPE, TableErrorCode.PROPERTY_NAME_INVALID,
            TableErrorCode.PROPERTY_NAME_TOO_LONG, TableErrorCode.PROPERTY_VALUE_TOO_LARGE,
            TableErrorCode.KEY_VALUE_TOO_LARGE, TableErrorCode.ENTITY_TOO_LARGE, TableErrorCode.TOO_MANY_PROPERTIES,
            TableErrorCode.INVALID_DUPLICATE_ROW, TableErrorCode.COMMANDS_IN_BATCH_ACT_ON_DIFFERENT_PARTITIONS);

    private final TableServiceClient service;
    /** One client per table, made (and the table created) on first use: building a client costs more than a call. */
    private final Map<String, TableClient> clients = new ConcurrentHashMap<>();

    public AzureTableStore(TableServiceClient service) {
        this.service = Objects.requireNonNull(service, "service");
    }

    @Override
    public Optional<TableEntity> get(String table, String partitionKey, String rowKey) {
        try {
            return Optional.of(fromAzure(table(table)
                    .getEntityWithResponse(partitionKey, rowKey, null, null, Context.NONE).getValue()));
        } catch (TableServiceException e) {
            if (e.getResponse().getStatusCode() == 404) {
                return Optional.empty();
            }
            throw translate("read", table, e);
        }
    }

    @Override
    public TableEntity upsert(String table, TableEntity entity) {
        try {
            return withETag(entity, table(table).upsertEntityWithResponse(toAzure(entity, false),
                    TableEntityUpdateMode.REPLACE, null, Context.NONE));
        } catch (TableServiceException e) {
            throw translate("upsert", table, e);
        }
    }

    @Override
    public TableEntity insert(String table, TableEntity entity) {
        try {
            return withETag(entity, table(table).createEntityWithResponse(toAzure(entity, false), null, Context.NONE));
        } catch (TableServiceException e) {
            throw translate("insert", table, e);
        }
    }

    @Override
    public TableEntity replace(String table, TableEntity entity) {
        if (entity.etag() == null) {
            throw new IllegalArgumentException("replace needs the ETag of the entity as read; use upsert to overwrite");
        }
        try {
            return withETag(entity, table(table).updateEntityWithResponse(toAzure(entity, true),
                    TableEntityUpdateMode.REPLACE, true, null, Context.NONE));
        } catch (TableServiceException e) {
            if (e.getResponse().getStatusCode() == 404) {
                throw new ConcurrencyException("Entity (" + entity.partitionKey() + ", " + entity.rowKey()
                        + ") in table " + table + " was deleted since it was read", e);
            }
            throw translate("replace", table, e);
        }
    }

    @Override
    public List<TableEntity> list(String table, String partitionKey) {
        String filter = "PartitionKey eq '" + partitionKey.replace("'", "''") + "'";
        try {
            return table(table).listEntities(new ListEntitiesOptions().setFilter(filter), null, Context.NONE)
                    .stream().map(EntityConversion::fromAzure).toList();
        } catch (TableServiceException e) {
            throw translate("list", table, e);
        }
    }

    @Override
    public List<TableEntity> list(String table, String partitionKey, String rowKeyPrefix, int limit) {
        String end = TableStore.rangeEnd(rowKeyPrefix, limit);
        String filter = "PartitionKey eq '" + quoted(partitionKey) + "' and RowKey ge '" + quoted(rowKeyPrefix)
                + "' and RowKey lt '" + quoted(end) + "'";
        try {
            return table(table).listEntities(new ListEntitiesOptions().setFilter(filter).setTop(Math.min(limit, 1000)),
                    null, Context.NONE).stream().limit(limit).map(EntityConversion::fromAzure).toList();
        } catch (TableServiceException e) {
            throw translate("list", table, e);
        }
    }

    private static String quoted(String value) {
        return value.replace("'", "''");
    }

    @Override
    public void delete(String table, String partitionKey, String rowKey) {
        try {
            table(table).deleteEntity(partitionKey, rowKey);
        } catch (TableServiceException e) {
            if (e.getResponse().getStatusCode() != 404) {
                throw translate("delete", table, e);
            }
        }
    }

    /**
     * Submits the batch. A delete of an absent entity fails a whole batch in Azure; since
     * {@link #delete} succeeds on absent entities, such deletes are dropped and the rest resubmitted.
     */
    @Override
    public void transact(String table, List<TableOperation> operations) {
        List<TableTransactionAction> actions = toActions(operations);
        TableClient client = table(table);
        while (!actions.isEmpty()) {
            try {
                client.submitTransactionWithResponse(actions, null, Context.NONE);
                return;
            } catch (TableTransactionFailedException e) {
                Integer failed = e.getFailedTransactionActionIndex();
                if (failed != null && isNotFound(e)
                        && actions.get(failed).getActionType() == TableTransactionActionType.DELETE) {
                    actions.remove(failed.intValue());
                } else {
                    throw translate("apply a batch to", table, e);
                }
            } catch (TableServiceException e) {
                throw translate("apply a batch to", table, e);
            }
        }
    }

    /** Checks what Azure would refuse for the whole batch, before anything is sent. */
    private static List<TableTransactionAction> toActions(List<TableOperation> operations) {
        if (operations.isEmpty() || operations.size() > MAX_BATCH) {
            throw new IllegalArgumentException("A batch holds 1 to " + MAX_BATCH + " operations, not "
                    + operations.size());
        }
        List<TableTransactionAction> actions = new ArrayList<>(operations.size());
        Set<String> partitions = new HashSet<>();
        Set<String> rows = new HashSet<>();
        for (TableOperation operation : operations) {
            TableTransactionAction action = toAction(operation);
            partitions.add(action.getEntity().getPartitionKey());
            if (!rows.add(action.getEntity().getRowKey())) {
                throw new IllegalArgumentException("A batch may change each entity once; row "
                        + action.getEntity().getRowKey() + " appears twice");
            }
            actions.add(action);
        }
        if (partitions.size() > 1) {
            throw new IllegalArgumentException("A batch must stay in one partition, not " + partitions);
        }
        return actions;
    }

    private static TableTransactionAction toAction(TableOperation operation) {
        if (operation instanceof TableOperation.Upsert upsert) {
            return new TableTransactionAction(TableTransactionActionType.UPSERT_REPLACE,
                    toAzure(upsert.entity(), false));
        }
        TableOperation.Delete delete = (TableOperation.Delete) operation;
        return new TableTransactionAction(TableTransactionActionType.DELETE,
                new com.azure.data.tables.models.TableEntity(delete.partitionKey(), delete.rowKey()));
    }

    private TableClient table(String name) {
        TableClient cached = clients.get(name);
        if (cached != null) {
            return cached;
        }
        TableClient client = service.getTableClient(name);
        try {
            service.createTableIfNotExists(name);
        } catch (TableServiceException e) {
            throw translate("create", name, e);
        }
        clients.putIfAbsent(name, client);
        return client;
    }

    private static boolean isNotFound(TableServiceException e) {
        TableErrorCode code = e.getValue() == null ? null : e.getValue().getErrorCode();
        return (e.getResponse() != null && e.getResponse().getStatusCode() == 404)
                || TableErrorCode.RESOURCE_NOT_FOUND.equals(code) || TableErrorCode.ENTITY_NOT_FOUND.equals(code);
    }

    private static RuntimeException translate(String action, String table, TableServiceException e) {
        // A failed batch carries the failing action's error but no response of its own.
        int status = e.getResponse() == null ? 0 : e.getResponse().getStatusCode();
        TableErrorCode code = e.getValue() == null ? null : e.getValue().getErrorCode();
        String message = "Table storage could not " + action + " table " + table + ": "
                + (status == 0 ? "" : status + " ") + (code == null ? e.getMessage() : code);
        if (status == 409 || status == 412 || TableErrorCode.ENTITY_ALREADY_EXISTS.equals(code)
                || TableErrorCode.UPDATE_CONDITION_NOT_SATISFIED.equals(code)) {
            return new ConcurrencyException(message, e);
        }
        if (status == 400 || (code != null && INVALID_REQUEST.contains(code))) {
            return new IllegalArgumentException(message, e);
        }
        return new AzureUnavailableException(message, status, e);
    }
}
