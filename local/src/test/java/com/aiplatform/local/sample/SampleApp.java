package com.aiplatform.local.sample;

import com.aiplatform.shared.function.FunctionApp;
import com.aiplatform.shared.function.HostServices;
import com.aiplatform.shared.settings.Settings;

import java.util.List;
import java.util.Map;

/** A function app written the way the real ones are, so tests can host it through ServiceLoader. */
public final class SampleApp implements FunctionApp {

    private final Settings settings;
    private final HostServices host;
    private final Recorder recorder = new Recorder();
    private final Map<Class<?>, Object> instances;

    SampleApp(Settings settings, HostServices host) {
        this.settings = settings;
        this.host = host;
        this.instances = Map.of(
                SampleHttpFunctions.class, new SampleHttpFunctions(),
                SampleQueueFunctions.class, new SampleQueueFunctions(recorder),
                SampleEventFunctions.class, new SampleEventFunctions(recorder));
    }

    @Override
    public String name() {
        return "sample";
    }

    @Override
    public List<Class<?>> functionClasses() {
        return List.of(SampleHttpFunctions.class, SampleQueueFunctions.class, SampleEventFunctions.class);
    }

    @Override
    public <T> T instance(Class<T> functionClass) {
        return functionClass.cast(instances.get(functionClass));
    }

    /** What the functions saw, for tests to assert on. */
    public Recorder recorder() {
        return recorder;
    }

    public Settings settings() {
        return settings;
    }

    public HostServices host() {
        return host;
    }

    @Override
    public void close() {
        recorder.closed();
    }
}
