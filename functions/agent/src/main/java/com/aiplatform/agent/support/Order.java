package com.aiplatform.agent.support;

import java.time.Instant;
import java.time.LocalDate;

/** An order of one tenant's customer; {@code estimatedDelivery} and tracking are absent before shipping. */
public record Order(String orderNumber, String customerEmail, String status, String items, long totalCents,
                    String currency, Instant placedAt, String carrier, String trackingNumber,
                    LocalDate estimatedDelivery) {
}
