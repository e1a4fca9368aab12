package com.aiplatform.research.api;

import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.HttpTrigger;
import com.microsoft.azure.functions.annotation.QueueTrigger;
import io.swagger.parser.OpenAPIParser;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/** The OpenAPI document and the functions' annotations describe the same routes under the same names. */
class OpenApiRoutesTest {

    private static final List<Class<?>> FUNCTION_CLASSES =
            List.of(TaskFunctions.class, WorkerFunctions.class, OpenApiFunctions.class);

    private static OpenAPI spec() {
        var result = new OpenAPIParser().readContents(
                new String(OpenApiFunctions.readOpenApi(), StandardCharsets.UTF_8), null, null);
        assertThat(result.getMessages()).isEmpty();
        return result.getOpenAPI();
    }

    private static Map<String, String> annotations(Class<? extends java.lang.annotation.Annotation> trigger) {
        Map<String, String> found = new TreeMap<>();
        for (Class<?> type : FUNCTION_CLASSES) {
            for (Method method : type.getMethods()) {
                FunctionName name = method.getAnnotation(FunctionName.class);
                for (Parameter parameter : name == null ? new Parameter[0] : method.getParameters()) {
                    HttpTrigger http = parameter.getAnnotation(HttpTrigger.class);
                    QueueTrigger queue = parameter.getAnnotation(QueueTrigger.class);
                    if (http != null && trigger == HttpTrigger.class) {
                        for (var httpMethod : http.methods()) {
                            found.put(httpMethod.name() + " /api/" + http.route(), name.value());
                        }
                    }
                    if (queue != null && trigger == QueueTrigger.class) {
                        found.put(name.value(), queue.queueName());
                    }
                }
            }
        }
        return found;
    }

    @Test
    void should_document_every_function_route_under_its_function_name() {
        Map<String, String> documented = new TreeMap<>();
        for (Map.Entry<String, PathItem> path : spec().getPaths().entrySet()) {
            for (Map.Entry<PathItem.HttpMethod, Operation> op : path.getValue().readOperationsMap().entrySet()) {
                documented.put(op.getKey().name() + " " + path.getKey(), op.getValue().getOperationId());
            }
        }
        assertThat(documented).isEqualTo(annotations(HttpTrigger.class)).hasSize(6);
    }

    @Test
    void should_bind_every_queue_by_setting_name_with_a_poison_handler_for_each() {
        assertThat(annotations(QueueTrigger.class)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "researchPlan", "%RESEARCH_PLAN_QUEUE%",
                "researchStep", "%RESEARCH_STEP_QUEUE%",
                "researchSynthesize", "%RESEARCH_SYNTHESIZE_QUEUE%",
                "researchPlanPoisoned", "%RESEARCH_PLAN_QUEUE%-poison",
                "researchStepPoisoned", "%RESEARCH_STEP_QUEUE%-poison",
                "researchSynthesizePoisoned", "%RESEARCH_SYNTHESIZE_QUEUE%-poison"));
    }
}
