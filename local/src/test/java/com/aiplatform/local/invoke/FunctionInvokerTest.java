package com.aiplatform.local.invoke;

import com.aiplatform.local.discovery.FunctionDefinition;
import com.aiplatform.local.discovery.ParameterSource;
import com.aiplatform.local.discovery.QueueBinding;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.QueueTrigger;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

class FunctionInvokerTest {

    public static final class Jobs {
        @FunctionName("job")
        public void run(@QueueTrigger(name = "m", queueName = "jobs") String message) {
            if (message.equals("bad")) {
                throw new IllegalStateException("cannot do " + message);
            }
        }
    }

    @Test
    void should_tell_observers_of_each_run_with_its_input_and_outcome_until_they_close() throws Exception {
        var invoker = new FunctionInvoker();
        var function = new FunctionDefinition("test", "job", new Jobs(), Jobs.class.getMethod("run", String.class),
                new QueueBinding("jobs", "AzureWebJobsStorage"), List.of(new ParameterSource.TriggerValue(String.class)));
        List<Invocation> seen = new CopyOnWriteArrayList<>();
        AutoCloseable observing = invoker.observe(seen::add);

        invoker.invoke(function, "good", Map.of(), LocalExecutionContext.start("job", TraceParent.continueFrom(null)));
        assertThatThrownBy(() -> invoker.invoke(function, "bad", Map.of(),
                LocalExecutionContext.start("job", TraceParent.continueFrom(null))))
                .isInstanceOf(FunctionFailedException.class);
        observing.close();
        invoker.invoke(function, "unseen", Map.of(), LocalExecutionContext.start("job", TraceParent.continueFrom(null)));

        assertThat(seen).extracting(Invocation::function, Invocation::input, Invocation::succeeded)
                .containsExactly(tuple("test/job", "good", true),
                        tuple("test/job", "bad", false));
        assertThat(seen).allSatisfy(run -> assertThat(run.duration()).isPositive());
    }
}
