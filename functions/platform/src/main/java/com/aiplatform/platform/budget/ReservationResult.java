package com.aiplatform.platform.budget;

import java.math.BigDecimal;

/** A granted reservation; {@code remainingUsd} is null when no budget applies to the caller. */
public record ReservationResult(String reservationId, BigDecimal reservedUsd, BigDecimal remainingUsd) {
}
