package com.aiplatform.agent.support;

/** A customer of one tenant, found by e-mail address (lower case). */
public record Customer(String email, String customerId, String name, String tier) {
}
