package com.aiplatform.platform.budget;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Money in millionths of a US dollar: exact sums in a Table storage Int64, no floating point. */
final class Micros {

    private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);

    private Micros() {
    }

    /** Rounded up, so that an estimate never reserves less than it may cost. */
    static long of(BigDecimal usd) {
        return usd.multiply(MILLION).setScale(0, RoundingMode.CEILING).longValueExact();
    }

    static BigDecimal usd(long micros) {
        return BigDecimal.valueOf(micros).divide(MILLION).stripTrailingZeros();
    }
}
