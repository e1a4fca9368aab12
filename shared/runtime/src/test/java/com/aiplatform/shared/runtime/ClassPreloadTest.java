package com.aiplatform.shared.runtime;

import com.aiplatform.shared.settings.MissingSettingsException;
import com.aiplatform.shared.settings.Settings;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClassPreloadTest {

    private static final String INITIALISED = "aiplatform.test.preload-marker";
    private static final String MARKER = "com.aiplatform.shared.runtime.ClassPreloadTest$Marker";

    @TempDir
    Path folder;

    @BeforeEach
    void clearMarker() {
        System.clearProperty(INITIALISED);
    }

    @Test
    void should_load_the_listed_classes_on_a_daemon_thread_without_running_their_static_initialisers()
            throws Exception {
        try (AppLoader loader = appLoader("# written by a training run\n\ncom.example.GoneSinceTheUpgrade\n"
                + MARKER + "\n")) {
            Thread thread = ClassPreload.start(loader).orElseThrow();
            assertThat(thread.isDaemon()).isTrue();
            thread.join(10_000);

            assertThat(loader.loaded(MARKER)).isTrue();
            assertThat(System.getProperty(INITIALISED)).isNull();
            // The same check sees an initialised class: the request's own first use still runs the initialiser.
            Class.forName(MARKER, true, loader);
            assertThat(System.getProperty(INITIALISED)).isEqualTo("true");
        }
    }

    @Test
    void should_count_only_the_names_that_resolve() throws Exception {
        try (AppLoader loader = appLoader(MARKER + "\ncom.example.GoneSinceTheUpgrade\njava.lang.String\n")) {
            assertThat(ClassPreload.load(loader.getResource(ClassPreload.LIST), loader)).isEqualTo(2);
            assertThat(loader.loaded(MARKER)).isTrue();
        }
    }

    @Test
    void should_start_nothing_for_a_package_without_a_list() throws Exception {
        try (AppLoader loader = new AppLoader(new URL[] {testClasses()})) {
            assertThat(ClassPreload.start(loader)).isEmpty();
            assertThat(loader.loaded(MARKER)).isFalse();
        }
    }

    @Test
    void should_fail_the_first_invocation_on_a_setting_that_is_not_true_or_false() {
        AppInstanceInjector injector = new AppInstanceInjector(Settings.of(Map.of(ClassPreload.SETTING, "yes")));

        assertThatThrownBy(() -> injector.getInstance(Object.class))
                .isInstanceOf(MissingSettingsException.class)
                .hasMessageContaining("CLASS_PRELOAD must be true or false, not 'yes'");
    }

    private AppLoader appLoader(String list) throws IOException {
        Path file = folder.resolve(ClassPreload.LIST);
        Files.createDirectories(file.getParent());
        Files.writeString(file, list);
        return new AppLoader(new URL[] {folder.toUri().toURL(), testClasses()});
    }

    private static URL testClasses() {
        return ClassPreloadTest.class.getProtectionDomain().getCodeSource().getLocation();
    }

    /** An app's loader of its own (not the test's), so that each test sees the marker class fresh. */
    private static final class AppLoader extends URLClassLoader {

        AppLoader(URL[] urls) {
            super(urls, ClassLoader.getPlatformClassLoader());
        }

        boolean loaded(String name) {
            return findLoadedClass(name) != null;
        }
    }

    /** Says when its static initialiser runs. */
    static final class Marker {
        static {
            System.setProperty(INITIALISED, "true");
        }
    }
}
