package com.aiplatform.testing.openapi;

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
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An app's OpenAPI document and its functions describe the same routes: each side has every route of the
 * other, under the function's name as operationId, and every route that reads input documents its 4xx.
 * Each app extends this with its function classes and its document (contract first: APIM imports it).
 */
public abstract class OpenApiRoutesContract {

    /** The classes whose {@code @FunctionName} methods carry the app's HTTP triggers. */
    protected abstract List<Class<?>> functionClasses();

    /** The app's OpenAPI document, as the app serves it. */
    protected abstract byte[] openApiDocument();

    @Test
    void should_document_every_function_route_under_its_function_name() {
        assertThat(specRoutes(spec())).isEqualTo(functionRoutes()).isNotEmpty();
    }

    @Test
    void should_describe_problem_responses_for_every_route_that_reads_input() {
        Set<String> missing = new TreeSet<>();
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

    private OpenAPI spec() {
        var result = new OpenAPIParser().readContents(new String(openApiDocument(), StandardCharsets.UTF_8), null, null);
        assertThat(result.getMessages()).isEmpty();
        return result.getOpenAPI();
    }

    /** "METHOD /api/route" -> function name, from the same annotations the Maven plugin reads. */
    private Map<String, String> functionRoutes() {
        Map<String, String> routes = new TreeMap<>();
        for (Class<?> type : functionClasses()) {
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
        Map<String, String> routes = new TreeMap<>();
        for (Map.Entry<String, PathItem> path : spec.getPaths().entrySet()) {
            for (Map.Entry<PathItem.HttpMethod, Operation> operation : path.getValue().readOperationsMap().entrySet()) {
                routes.put(operation.getKey().name() + " " + path.getKey(), operation.getValue().getOperationId());
            }
        }
        return routes;
    }
}
