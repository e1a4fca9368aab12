package com.aiplatform.local.discovery;

import com.aiplatform.shared.function.FunctionApp;
import com.aiplatform.shared.settings.Settings;
import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.OutputBinding;
import com.microsoft.azure.functions.annotation.AuthorizationLevel;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.HttpTrigger;
import com.microsoft.azure.functions.annotation.QueueTrigger;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FunctionReaderTest {

    public static final class Functions {
        @FunctionName("upload")
        public String upload(@HttpTrigger(name = "req", methods = {HttpMethod.PUT, HttpMethod.POST},
                authLevel = AuthorizationLevel.FUNCTION) HttpRequestMessage<Optional<byte[]>> request) {
            return "";
        }

        @FunctionName("work")
        public void work(@QueueTrigger(name = "m", queueName = "%WORK_QUEUE%-in", connection = "Storage") String m,
                         ExecutionContext context) {
        }

        public void notAFunction() {
        }
    }

    public static final class Unsupported {
        @FunctionName("withOutput")
        public void withOutput(@QueueTrigger(name = "m", queueName = "q") String m, OutputBinding<String> out) {
        }
    }

    private record App(Class<?> type, Object instance) implements FunctionApp {
        @Override
        public String name() {
            return "test";
        }

        @Override
        public List<Class<?>> functionClasses() {
            return List.of(type);
        }

        @Override
        public <T> T instance(Class<T> functionClass) {
            return functionClass.cast(instance);
        }

        @Override
        public void close() {
        }
    }

    @Test
    void should_read_triggers_as_the_maven_plugin_would_when_annotated() {
        List<FunctionDefinition> functions = new FunctionReader(Settings.of(Map.of("WORK_QUEUE", "jobs")))
                .read(new App(Functions.class, new Functions()));

        assertThat(functions).extracting(FunctionDefinition::name).containsExactly("upload", "work");
        assertThat(functions.get(0).trigger()).isEqualTo(new HttpBinding("upload",
                Set.of(HttpMethod.PUT, HttpMethod.POST), AuthorizationLevel.FUNCTION, byte[].class, true));
        assertThat(functions.get(1).trigger()).isEqualTo(new QueueBinding("jobs-in", "Storage"));
        assertThat(functions.get(1).parameters()).element(1).isInstanceOf(ParameterSource.Context.class);
    }

    @Test
    void should_skip_function_when_disabled_by_setting() {
        List<FunctionDefinition> functions = new FunctionReader(Settings.of(Map.of("WORK_QUEUE", "jobs",
                "AzureWebJobs.work.Disabled", "true"))).read(new App(Functions.class, new Functions()));

        assertThat(functions).extracting(FunctionDefinition::name).containsExactly("upload");
    }

    @Test
    void should_fail_naming_the_setting_when_queue_name_refers_to_a_missing_one() {
        assertThatThrownBy(() -> new FunctionReader(Settings.of(Map.of())).read(new App(Functions.class, new Functions())))
                .hasMessageContaining("WORK_QUEUE").hasMessageContaining("test/work");
    }

    @Test
    void should_fail_at_start_when_a_parameter_cannot_be_bound() {
        assertThatThrownBy(() -> new FunctionReader(Settings.of(Map.of()))
                .read(new App(Unsupported.class, new Unsupported())))
                .hasMessageContaining("withOutput").hasMessageContaining("'out'");
    }
}
