package com.aiplatform.platform.consumers;

/** A newly issued key: the only time the secret is visible. */
public record IssuedKey(Consumer consumer, String keyId, String key) {
}
