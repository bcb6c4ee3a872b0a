package dev.meridian.core;

import java.math.BigDecimal;
import java.util.Optional;

/**
 * A tradable instrument with the exchange's filters. Spot carries {@code minOrderAmt} (minimum
 * notional, quote); linear carries {@code qtyStep}, {@code minNotional} and a leverage range
 * ({@code minLeverage}, {@code maxLeverage} and the {@code leverageStep} a leverage setting must be
 * a multiple of); options carry {@code option}. Quantities must be multiples of {@code qtyStep};
 * prices of {@code tickSize}. Fields a category does not have are null (e.g. spot's leverage).
 */
public record Instrument(Category category, String symbol, String status, String baseCoin, String quoteCoin,
                         BigDecimal tickSize, BigDecimal qtyStep, BigDecimal minOrderQty, BigDecimal maxOrderQty,
                         BigDecimal minOrderAmt, BigDecimal minLeverage, BigDecimal maxLeverage,
                         Optional<OptionSpec> option, BigDecimal leverageStep) {
    /** An instrument without a leverage step (spot, options, or a linear one whose step is unknown). */
    public Instrument(Category category, String symbol, String status, String baseCoin, String quoteCoin,
                      BigDecimal tickSize, BigDecimal qtyStep, BigDecimal minOrderQty, BigDecimal maxOrderQty,
                      BigDecimal minOrderAmt, BigDecimal minLeverage, BigDecimal maxLeverage, Optional<OptionSpec> option) {
        this(category, symbol, status, baseCoin, quoteCoin, tickSize, qtyStep, minOrderQty, maxOrderQty, minOrderAmt,
                minLeverage, maxLeverage, option, null);
    }

    /** Option contract terms, parsed from the symbol (from the right) and checked against the fields. */
    public record OptionSpec(String underlying, long expiryMs, BigDecimal strike, boolean call, String settleSuffix) {
    }

    public boolean trading() { return "Trading".equals(status); }
}
