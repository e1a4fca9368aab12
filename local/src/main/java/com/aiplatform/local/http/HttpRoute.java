package com.aiplatform.local.http;

import com.aiplatform.local.discovery.FunctionDefinition;
import com.aiplatform.local.discovery.HttpBinding;

/** An HTTP-triggered function at its full template, route prefix included. */
public record HttpRoute(RouteTemplate template, FunctionDefinition function, HttpBinding binding) {
}
