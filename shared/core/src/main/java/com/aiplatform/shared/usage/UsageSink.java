package com.aiplatform.shared.usage;

/** Where usage records go (the platform app's ledger queue in Azure; a log or memory locally). */
public interface UsageSink {

    void record(UsageRecord record);
}
