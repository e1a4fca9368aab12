package com.aiplatform.platform.budget;

import java.math.BigDecimal;

/** The body of a reserve request, sent by an app before a model call. */
public record ReservationRequest(String reservationId, BigDecimal estimatedUsd) {
}
