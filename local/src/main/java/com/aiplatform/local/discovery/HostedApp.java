package com.aiplatform.local.discovery;

import com.aiplatform.local.hostjson.HostJson;
import com.aiplatform.shared.function.FunctionApp;

import java.util.List;

/** A function app created by the local platform, with its host.json and its enabled functions. */
public record HostedApp(FunctionApp app, HostJson hostJson, List<FunctionDefinition> functions) {

    public HostedApp {
        functions = List.copyOf(functions);
    }

    public String name() {
        return app.name();
    }
}
