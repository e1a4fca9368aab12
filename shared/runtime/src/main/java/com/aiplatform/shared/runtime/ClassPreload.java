package com.aiplatform.shared.runtime;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Loads the classes an app's first request loads on a second thread, while the worker's thread composes the app and
 * answers: the two share the cost of reading and defining 2,350 (platform) to 3,500 (assistant) classes instead of
 * one thread paying it alone, and a class the request needs next is often defined already.
 *
 * <p>The list is {@value #LIST} in the app's jar, one binary class name per line in the order a training run loaded
 * them ({@code ./platform bench-cold-start --write-class-lists} writes it; {@code infra/checks/package/
 * FirstRequestClasses.java} fails a package whose list has gone stale). A class is loaded without being initialised,
 * so no static initialiser runs sooner or on another thread than it would without this; a name that no longer
 * resolves is skipped. The setting {@value #SETTING}{@code =false} turns it off.
 */
public final class ClassPreload {

    /** The app setting that turns preloading off ({@code false}); on by default. */
    public static final String SETTING = "CLASS_PRELOAD";

    /** Where an app's jar lists the classes of its first request. */
    public static final String LIST = "META-INF/aiplatform/first-request.classes";

    private ClassPreload() {
    }

    /** Starts loading the classes {@code loader}'s list names on a daemon thread; empty when it has no list. */
    public static Optional<Thread> start(ClassLoader loader) {
        URL list = loader.getResource(LIST);
        if (list == null) {
            return Optional.empty();
        }
        Thread thread = new Thread(() -> load(list, loader), "class-preload");
        thread.setDaemon(true);
        thread.start();
        return Optional.of(thread);
    }

    /** Loads (without initialising) every class {@code list} names; returns how many resolved. */
    static int load(URL list, ClassLoader loader) {
        int loaded = 0;
        try (BufferedReader names = new BufferedReader(new InputStreamReader(list.openStream(),
                StandardCharsets.UTF_8))) {
            for (String line; (line = names.readLine()) != null; ) {
                String name = line.strip();
                if (name.isEmpty() || name.startsWith("#")) {
                    continue;
                }
                try {
                    Class.forName(name, false, loader);
                    loaded++;
                } catch (ClassNotFoundException | LinkageError e) {
                    // Stale after a dependency change: the request loads what it needs itself.
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + list, e);
        }
        return loaded;
    }
}
