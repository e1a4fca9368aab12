package com.aiplatform.bench.coldstart;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One HTTP function call of a cold-start run, passed to {@link ColdStartHarness} as six arguments. The entry point
 * is the {@code function.json} one ({@code <class>.<method>}); {@code path} may carry a query string. A route
 * parameter ({@code @BindingName}) is filled from the Location of the call before.
 */
public record HarnessCall(String function, String entryPoint, String method, String path, String contentType,
                          String body) {

    /**
     * What the gateway would have set on the request: the harness stands in for it, as the local host does.
     * Roles admin and platform-admin, as the local platform's development consumer has.
     */
    static final Map<String, String> GATEWAY_IDENTITY = Map.of(
            "x-aiplatform-consumer-id", "cold-start",
            "x-aiplatform-tenant-id", "cold-start",
            "x-aiplatform-roles", "admin,platform-admin");

    private static final int FIELDS = 6;

    public List<String> encode() {
        return List.of(function, entryPoint, method, path, contentType, body);
    }

    public static List<String> encode(List<HarnessCall> calls) {
        List<String> args = new ArrayList<>();
        calls.forEach(call -> args.addAll(call.encode()));
        return args;
    }

    public static List<HarnessCall> decode(String[] args) {
        if (args.length == 0 || args.length % FIELDS != 0) {
            throw new IllegalArgumentException("Expected groups of " + FIELDS + " arguments "
                    + "(function, entry point, method, path, content type, body), got " + args.length);
        }
        List<HarnessCall> calls = new ArrayList<>();
        for (int i = 0; i < args.length; i += FIELDS) {
            calls.add(new HarnessCall(args[i], args[i + 1], args[i + 2], args[i + 3], args[i + 4], args[i + 5]));
        }
        return calls;
    }
}
