package com.aiplatform.local.research;

import com.aiplatform.local.LocalPlatform;
import com.aiplatform.local.RunningPlatform;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * The research app on the local platform in a process of its own, for {@link ResearchProcessStopTest} to kill.
 * Arguments: storage connection string, knowledge API base URL, data folder, queue lease, claim timeout.
 * Prints {@code READY <base URL>} once it listens.
 */
final class ResearchProcess {

    static final String READY = "READY ";

    private ResearchProcess() {
    }

    public static void main(String[] args) throws InterruptedException {
        RunningPlatform platform = LocalPlatform.builder().storageConnectionString(args[0]).dataDir(Path.of(args[2]))
                .port(0).apps(Set.of("research")).gateway(new TenantHeaderGateway())
                .queueLease(Duration.parse(args[3]))
                .settings(Map.of("KNOWLEDGE_API_BASE_URL", args[1], "KNOWLEDGE_API_TIMEOUT", "PT10M",
                        "RESEARCH_CLAIM_TIMEOUT", args[4]))
                .build().start();
        System.out.println(READY + platform.baseUrl());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE); // until killed
    }
}
