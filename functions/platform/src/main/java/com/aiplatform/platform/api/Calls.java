package com.aiplatform.platform.api;

import com.aiplatform.shared.identity.Caller;
import com.aiplatform.shared.identity.GatewayHeaders;
import com.microsoft.azure.functions.HttpRequestMessage;

/** The caller of an HTTP request, from the gateway's headers only. */
final class Calls {

    static final long MAX_REQUEST_BYTES = 64 * 1024;

    private Calls() {
    }

    static Caller caller(HttpRequestMessage<?> request) {
        return GatewayHeaders.callerFrom(request.getHeaders());
    }

    static String query(HttpRequestMessage<?> request, String name) {
        return request.getQueryParameters().get(name);
    }
}
