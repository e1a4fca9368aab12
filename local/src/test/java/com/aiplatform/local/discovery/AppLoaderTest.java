package com.aiplatform.local.discovery;

import com.aiplatform.shared.function.FunctionApp;
import com.aiplatform.shared.function.FunctionAppFactory;
import com.aiplatform.shared.function.HostServices;
import com.aiplatform.shared.settings.Settings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The apps compose side by side, come back by name, and a failure closes those that were made. */
class AppLoaderTest {

    private static final Set<String> CLOSED = ConcurrentHashMap.newKeySet();
    private static final HostServices HOST = new HostServices(Optional.empty(), Clock.systemUTC());

    /** Two apps that each wait for the other to be composing: they finish only when composed side by side. */
    private static final CountDownLatch BOTH_COMPOSING = new CountDownLatch(2);

    @TempDir
    Path services;

    @Test
    void should_compose_the_apps_side_by_side_and_return_them_by_name() throws IOException {
        AppLoader loader = new AppLoader(loaderOf(WaitsForTheOther.class, AlsoWaits.class));

        List<HostedApp> apps = loader.load(Settings.of(Map.of()), HOST, name -> name.startsWith("test-waits"));

        assertThat(apps).extracting(HostedApp::name).containsExactly("test-waits-a", "test-waits-b");
        apps.forEach(app -> app.app().close());
    }

    @Test
    void should_close_the_apps_made_when_another_fails_and_throw_its_failure() throws IOException {
        AppLoader loader = new AppLoader(loaderOf(Fine.class, Fails.class));

        assertThatThrownBy(() -> loader.load(Settings.of(Map.of()), HOST, name -> name.startsWith("test-f")))
                .isInstanceOf(IllegalStateException.class).hasMessage("test-fails cannot start");
        assertThat(CLOSED).contains("test-fine");
    }

    private ClassLoader loaderOf(Class<?>... factories) throws IOException {
        Path file = services.resolve("META-INF/services/" + FunctionAppFactory.class.getName());
        Files.createDirectories(file.getParent());
        Files.write(file, java.util.Arrays.stream(factories).map(Class::getName).toList());
        return new URLClassLoader(new URL[] {services.toUri().toURL()}, getClass().getClassLoader());
    }

    private static FunctionApp app(String name) {
        return new FunctionApp() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public List<Class<?>> functionClasses() {
                return List.of();
            }

            @Override
            public <T> T instance(Class<T> functionClass) {
                throw new IllegalArgumentException(functionClass.getName());
            }

            @Override
            public void close() {
                CLOSED.add(name);
            }
        };
    }

    private static FunctionApp afterTheOther(String name) {
        BOTH_COMPOSING.countDown();
        try {
            if (!BOTH_COMPOSING.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException(name + " composed alone: the apps were not composed side by side");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return app(name);
    }

    /** An app that composes only once the other is composing too. */
    private abstract static class Waiting implements FunctionAppFactory {
        private final String name;

        Waiting(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public FunctionApp create(Settings settings, HostServices host) {
            return afterTheOther(name);
        }
    }

    public static final class WaitsForTheOther extends Waiting {
        public WaitsForTheOther() {
            super("test-waits-a");
        }
    }

    public static final class AlsoWaits extends Waiting {
        public AlsoWaits() {
            super("test-waits-b");
        }
    }

    public static final class Fine implements FunctionAppFactory {
        @Override
        public String name() {
            return "test-fine";
        }

        @Override
        public FunctionApp create(Settings settings, HostServices host) {
            return app(name());
        }
    }

    public static final class Fails implements FunctionAppFactory {
        @Override
        public String name() {
            return "test-fails";
        }

        @Override
        public FunctionApp create(Settings settings, HostServices host) {
            throw new IllegalStateException("test-fails cannot start");
        }
    }
}
