package com.aiplatform.platform.api;

import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.HttpTrigger;
import io.swagger.parser.OpenAPIParser;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The OpenAPI document and the functions describe the same routes: each side has every route of the other. */
class OpenApiRoutesTest {

    private static final List<Class<?>> FUNCTION_CLASSES =
            List.of(ConsumerFunctions.class, BudgetFunctions.class, UsageFunctions.class, HealthFunctions.class,
                    DeadLetterFunctions.class);

    private static OpenAPI spec() {
        var result = new OpenAPIParser().readContents(
                new String(HealthFunctions.readOpenApi(), StandardCharsets.UTF_8), null, null);
        assertThat(result.getMessages()).isEmpty();
        return result.getOpenAPI();
    }

    /** "METHOD /api/route" -> function name, from the same annotations the Maven plugin reads. */
    private static Map<String, String> functionRoutes() {
        Map<String, String> routes = new java.util.TreeMap<>();
        for (Class<?> type : FUNCTION_CLASSES) {
            for (Method method : type.getMethods()) {
                FunctionName name = method.getAnnotation(FunctionName.class);
                if (name == null) {
                    continue;
                }
                for (Parameter parameter : method.getParameters()) {
                    HttpTrigger trigger = parameter.getAnnotation(HttpTrigger.class);
                    if (trigger != null) {
                        for (var httpMethod : trigger.methods()) {
                            routes.put(httpMethod.name() + " /api/" + trigger.route(), name.value());
                        }
                    }
                }
            }
        }
        return routes;
    }

    private static Map<String, String> specRoutes(OpenAPI spec) {
        Map<String, String> routes = new java.util.TreeMap<>();
        for (Map.Entry<String, PathItem> path : spec.getPaths().entrySet()) {
            for (Map.Entry<PathItem.HttpMethod, Operation> operation : path.getValue().readOperationsMap().entrySet()) {
                routes.put(operation.getKey().name() + " " + path.getKey(), operation.getValue().getOperationId());
            }
        }
        return routes;
    }

    @Test
    void should_document_every_function_route_under_its_function_name() {
        assertThat(specRoutes(spec())).isEqualTo(functionRoutes());
    }

    @Test
    void should_describe_problem_responses_for_every_route_that_reads_input() {
        Set<String> missing = new HashSet<>();
        for (var path : spec().getPaths().entrySet()) {
            for (var operation : path.getValue().readOperationsMap().entrySet()) {
                boolean readsInput = operation.getValue().getRequestBody() != null || path.getKey().contains("{");
                if (readsInput && !operation.getValue().getResponses().containsKey(
                        operation.getValue().getRequestBody() != null ? "400" : "404")) {
                    missing.add(operation.getKey().name().toLowerCase(Locale.ROOT) + " " + path.getKey());
                }
            }
        }
        assertThat(missing).isEmpty();
    }
}
