package com.aiplatform.shared.usage;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * USD prices per 1,000 input and output tokens, by model name. Parsed from a setting such as
 * {@code gpt-4o-mini=0.00015/0.0006,text-embedding-3-small=0.00002/0}; unknown models cost 0.
 */
public final class PriceTable {

    private final Map<String, BigDecimal[]> prices;

    private PriceTable(Map<String, BigDecimal[]> prices) {
        this.prices = Map.copyOf(prices);
    }

    public static PriceTable parse(String spec) {
        var prices = new HashMap<String, BigDecimal[]>();
        if (spec == null || spec.isBlank()) {
            return new PriceTable(prices);
        }
        for (String entry : spec.split(",")) {
            String trimmed = entry.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            String[] nameAndPrices = trimmed.split("=", 2);
            String[] io = nameAndPrices.length == 2 ? nameAndPrices[1].split("/", 2) : new String[0];
            if (io.length != 2) {
                throw new IllegalArgumentException("Price entry must read model=input/output per 1k tokens: " + trimmed);
            }
            try {
                prices.put(nameAndPrices[0].trim().toLowerCase(Locale.ROOT),
                        new BigDecimal[] {new BigDecimal(io[0].trim()), new BigDecimal(io[1].trim())});
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("Price entry has a malformed number: " + trimmed, e);
            }
        }
        return new PriceTable(prices);
    }

    public BigDecimal cost(Usage usage) {
        BigDecimal[] price = prices.get(usage.model() == null ? "" : usage.model().toLowerCase(Locale.ROOT));
        if (price == null) {
            return BigDecimal.ZERO;
        }
        BigDecimal thousand = BigDecimal.valueOf(1000);
        return price[0].multiply(BigDecimal.valueOf(usage.inputTokens()))
                .add(price[1].multiply(BigDecimal.valueOf(usage.outputTokens())))
                .divide(thousand, 10, RoundingMode.HALF_UP)
                .stripTrailingZeros();
    }

    public boolean knows(String model) {
        return prices.containsKey(model.toLowerCase(Locale.ROOT));
    }
}
