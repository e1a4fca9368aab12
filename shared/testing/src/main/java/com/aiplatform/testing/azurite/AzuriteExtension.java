package com.aiplatform.testing.azurite;

import com.aiplatform.shared.azurite.Azurite;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension: one in-memory Azurite per test JVM, started on first use and stopped when the
 * JVM's tests finish. Tests receive it as a parameter: {@code @ExtendWith(AzuriteExtension.class)}.
 */
public final class AzuriteExtension implements ParameterResolver {

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Azurite.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(Resource.class, k -> new Resource(Azurite.startInMemory()), Resource.class)
                .azurite();
    }

    private record Resource(Azurite azurite) implements ExtensionContext.Store.CloseableResource, AutoCloseable {
        @Override
        public void close() {
            azurite.close();
        }
    }
}
