package com.aiplatform.shared.azurite;

import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A JVM that ends without closing its Azurite (a crash, System.exit after an error) takes Azurite with it. */
class AzuriteExitTest {

    /** Starts Azurite, prints its process id and exits without closing it. */
    static final class Abandon {
        public static void main(String[] args) {
            Azurite azurite = Azurite.startInMemory();
            System.out.println("AZURITE " + azurite.pid());
            System.out.flush();
            System.exit(0);
        }
    }

    @Test
    void should_stop_azurite_when_the_jvm_exits_without_closing_it() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process jvm = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                "-Dplatform.root=" + Azurite.projectRoot(), Abandon.class.getName()).redirectErrorStream(true).start();
        long pid = -1;
        try (var lines = new BufferedReader(new InputStreamReader(jvm.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.startsWith("AZURITE ")) {
                    pid = Long.parseLong(line.substring("AZURITE ".length()).trim());
                }
            }
        }
        assertThat(jvm.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(pid).as("the child JVM started Azurite").isPositive();

        long azurite = pid;
        await().atMost(Duration.ofSeconds(20))
                .until(() -> ProcessHandle.of(azurite).map(ProcessHandle::isAlive).orElse(false), alive -> !alive);
    }
}
