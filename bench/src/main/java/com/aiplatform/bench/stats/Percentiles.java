package com.aiplatform.bench.stats;

import java.util.Arrays;
import java.util.List;

/** The one definition of the figures every benchmark prints: nearest-rank percentiles and the median. */
public final class Percentiles {

    private Percentiles() {
    }

    /** The nearest-rank percentile {@code p} (0-100] of the values, in any order; NaN when there are none. */
    public static double percentile(double[] values, double p) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    public static double percentile(List<? extends Number> values, double p) {
        return percentile(array(values), p);
    }

    /** The middle value, or the mean of the two middle values of an even count; NaN when there are none. */
    public static double median(double[] values) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    public static double median(List<? extends Number> values) {
        return median(array(values));
    }

    private static double[] array(List<? extends Number> values) {
        return values.stream().mapToDouble(Number::doubleValue).toArray();
    }
}
