package dev.meridian.config;

import dev.meridian.core.AssetClass;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Objects;

/**
 * How capital is split into the SPOT / PERP / OPTIONS / FOREX sub-ledgers: either fixed USD
 * amounts ({@code asset_allocation_usd}) or fractions of total equity ({@code asset_allocation_pct}).
 * Both forms name every asset class. In LIVE the wallet balance still caps each sub-ledger; that
 * cap is applied by wallet sync, not here.
 */
public sealed interface Allocation permits Allocation.FixedUsd, Allocation.FractionOfEquity {

    /**
     * The USD allocated to {@code assetClass}, exact and unrounded.
     *
     * @param totalEquityUsd total equity the fractions apply to (>= 0); ignored by {@link FixedUsd}
     */
    BigDecimal usd(AssetClass assetClass, BigDecimal totalEquityUsd);

    /** True when the class gets a non-zero share; its funds switch defaults to ON (DESIGN.md, Funds controls). */
    boolean isFunded(AssetClass assetClass);

    /** @param usd USD per asset class, each >= 0, every class present */
    record FixedUsd(Map<AssetClass, BigDecimal> usd) implements Allocation {
        static final Range AMOUNT = Range.closed("0", "1000000000000");

        public FixedUsd {
            usd = Values.enumMap(AssetClass.class, usd, "asset_allocation_usd");
            Values.requireAllKeys(AssetClass.class, usd, "asset_allocation_usd");
            usd.forEach((c, v) -> AMOUNT.check("asset_allocation_usd." + c, v));
        }

        @Override public BigDecimal usd(AssetClass assetClass, BigDecimal totalEquityUsd) { return usd.get(assetClass); }

        @Override public boolean isFunded(AssetClass assetClass) { return usd.get(assetClass).signum() > 0; }
    }

    /**
     * @param fractions     fraction of total equity per asset class, each in [0, 1], summing to at most 1
     * @param simEquityUsd  the virtual total the fractions take shares of in simulation
     *                      ({@code sim_equity_usd}); in LIVE the wallet's total replaces it
     */
    record FractionOfEquity(Map<AssetClass, BigDecimal> fractions, BigDecimal simEquityUsd) implements Allocation {
        static final Range FRACTION = Range.closed("0", "1");
        static final Range SIM_EQUITY = Range.openClosed("0", "1000000000000");

        public FractionOfEquity {
            fractions = Values.enumMap(AssetClass.class, fractions, "asset_allocation_pct");
            Values.requireAllKeys(AssetClass.class, fractions, "asset_allocation_pct");
            fractions.forEach((c, v) -> FRACTION.check("asset_allocation_pct." + c, v));
            BigDecimal sum = fractions.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
            if (sum.compareTo(BigDecimal.ONE) > 0) {
                throw new IllegalArgumentException("asset_allocation_pct must sum to at most 1, got " + sum.toPlainString());
            }
            SIM_EQUITY.check("sim_equity_usd", Objects.requireNonNull(simEquityUsd, "simEquityUsd"));
        }

        @Override public BigDecimal usd(AssetClass assetClass, BigDecimal totalEquityUsd) {
            Objects.requireNonNull(totalEquityUsd, "totalEquityUsd");
            if (totalEquityUsd.signum() < 0) throw new IllegalArgumentException("total equity must be >= 0, got " + totalEquityUsd);
            return totalEquityUsd.multiply(fractions.get(assetClass));
        }

        @Override public boolean isFunded(AssetClass assetClass) { return fractions.get(assetClass).signum() > 0; }
    }
}
