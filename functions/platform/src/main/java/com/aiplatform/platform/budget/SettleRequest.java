package com.aiplatform.platform.budget;

import java.math.BigDecimal;

/** The body of a settle request: what the call actually cost (zero releases the reservation). */
public record SettleRequest(BigDecimal actualUsd) {
}
