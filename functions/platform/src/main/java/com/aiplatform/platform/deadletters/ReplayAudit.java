package com.aiplatform.platform.deadletters;

import com.aiplatform.platform.consumers.SubscriptionKeys;
import com.aiplatform.shared.identity.Caller;
import com.aiplatform.shared.table.TableEntity;
import com.aiplatform.shared.table.TableStore;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The one audit table of replays, of poison-queue messages and of Event Grid dead letters alike. */
public final class ReplayAudit {

    private static final String PARTITION = "replays";

    private final TableStore tables;
    private final String table;
    private final Clock clock;

    public ReplayAudit(TableStore tables, String table, Clock clock) {
        this.tables = tables;
        this.table = table;
        this.clock = clock;
    }

    /** Writes who replayed what from where to where; {@code body} is kept as its SHA-256 only. */
    public Replay record(Caller caller, String kind, String from, String what, String to, String body) {
        Instant now = clock.instant();
        var replay = new Replay(now + "|" + UUID.randomUUID(), now, caller.consumerId(), caller.tenant().value(), kind,
                from, what, to, SubscriptionKeys.hash(body));
        tables.upsert(table, TableEntity.of(PARTITION, replay.auditId(), Map.of(
                "replayedAt", now, "consumerId", replay.consumerId(), "tenantId", replay.tenantId(), "kind", kind,
                "poisonQueue", from, "messageId", what, "replayedTo", to, "bodySha256", replay.bodySha256())));
        return replay;
    }

    public List<Replay> list() {
        return tables.list(table, PARTITION).stream().map(e -> new Replay(e.rowKey(),
                (Instant) e.properties().get("replayedAt"), e.string("consumerId").orElse(""),
                e.string("tenantId").orElse(""), e.string("kind").orElse(Replay.QUEUE), e.string("poisonQueue").orElse(""),
                e.string("messageId").orElse(""), e.string("replayedTo").orElse(""), e.string("bodySha256").orElse("")))
                .toList();
    }
}
