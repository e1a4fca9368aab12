package com.aiplatform.bench.coldstart;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class FirstRequestClassListTest {

    @TempDir
    Path work;

    @Test
    void should_list_the_package_s_and_the_unarchived_jdk_classes_in_load_order_once_each() throws Exception {
        Path app = work.resolve("research");
        Path log = work.resolve("research.first-request.log");
        Files.write(log, List.of(
                "[0.020s][info][class,load] java.lang.Object source: shared objects file",
                "[0.050s][info][class,load] com.aiplatform.bench.coldstart.ColdStartHarness source: file:" + work
                        + "/cold-start-harness.jar",
                "[0.101s][info][class,load] sun.security.pkcs.PKCS7 source: jrt:/java.base",
                "[0.290s][info][class,load] com.azure.core.util.Context source: file:" + app
                        + "/lib/azure-core-1.58.1.jar",
                "[0.291s][info][class,load] com.azure.core.util.CoreUtils$$Lambda$64/0x00007f5114094208 source: "
                        + "com.azure.core.util.CoreUtils",
                "[0.300s][info][class,load] com.aiplatform.research.api.TaskFunctions source: file:" + app
                        + "/research-0.1.0-SNAPSHOT.jar",
                "[0.310s][info][class,load] com.example.Elsewhere source: file:" + work + "/research-old/lib/x.jar",
                "[0.320s][info][class,load] com.azure.core.util.Context source: file:" + app
                        + "/lib/azure-core-1.58.1.jar",
                "[0.330s][info][class,load] java.lang.invoke.LambdaForm$MH/0x00007f5114090c00 source: "
                        + "__JVM_LookupDefineClass__"));

        assertThat(FirstRequestClassList.fromLoadLog(log, app)).containsExactly("sun.security.pkcs.PKCS7",
                "com.azure.core.util.Context", "com.aiplatform.research.api.TaskFunctions");
    }
}
