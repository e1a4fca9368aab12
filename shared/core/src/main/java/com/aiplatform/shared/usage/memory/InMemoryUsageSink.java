package com.aiplatform.shared.usage.memory;

import com.aiplatform.shared.usage.UsageRecord;
import com.aiplatform.shared.usage.UsageSink;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps usage records in memory, for tests and tools. */
public final class InMemoryUsageSink implements UsageSink {

    private final List<UsageRecord> records = new CopyOnWriteArrayList<>();

    @Override
    public void record(UsageRecord record) {
        records.add(record);
    }

    public List<UsageRecord> records() {
        return List.copyOf(records);
    }
}
