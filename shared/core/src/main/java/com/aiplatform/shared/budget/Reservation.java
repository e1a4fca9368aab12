package com.aiplatform.shared.budget;

import java.math.BigDecimal;
import java.util.Optional;

/**
 * A granted reservation. {@code remainingUsd} is what is left of the tightest budget after it, or empty
 * when the caller has no budget at all.
 */
public record Reservation(String id, BigDecimal reservedUsd, Optional<BigDecimal> remainingUsd) {
}
