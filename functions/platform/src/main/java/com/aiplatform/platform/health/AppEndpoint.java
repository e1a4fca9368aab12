package com.aiplatform.platform.health;

import java.util.Optional;

/** Where one app's API is ({@code <APP>_API_BASE_URL}) and its function key ({@code <APP>_API_KEY}). */
public record AppEndpoint(String app, Optional<String> baseUrl, String functionKey) {
}
