package com.aiplatform.platform.budget;

import com.aiplatform.shared.problem.ProblemException;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/** Money in millionths of a US dollar: exact sums in a Table storage Int64, no floating point. */
final class Micros {

    private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);
    private static final BigDecimal ONE_MICRO = BigDecimal.valueOf(1, 6);
    /** The largest amount a budget, reservation or settlement may name; its micros fit an Int64 many times over. */
    static final BigDecimal MAX_USD = BigDecimal.valueOf(1_000_000_000);

    private Micros() {
    }

    /**
     * Rounded up, so that an estimate never reserves less than it may cost. An amount over {@link #MAX_USD}
     * is a client's mistake (400), not an overflow; one below a micro-dollar is one micro, decided before
     * rounding so that an exponent like {@code 1e-999999999} costs nothing to round.
     */
    static long of(BigDecimal usd) {
        if (usd.compareTo(MAX_USD) > 0) {
            throw ProblemException.validation("The amount is not valid",
                    List.of("an amount in USD must be at most " + MAX_USD.toPlainString()));
        }
        if (usd.signum() > 0 && usd.compareTo(ONE_MICRO) < 0) {
            return 1;
        }
        return usd.multiply(MILLION).setScale(0, RoundingMode.CEILING).longValueExact();
    }

    static BigDecimal usd(long micros) {
        return BigDecimal.valueOf(micros).divide(MILLION).stripTrailingZeros();
    }
}
