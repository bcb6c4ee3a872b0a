package dev.meridian.risk;

import dev.meridian.core.AssetClass;
import dev.meridian.core.Mode;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;

/**
 * Sizes one entry. Below {@code equityThresholdUsd} of sub-ledger equity the order is a fixed
 * {@code fixedTradeUsd} notional. From the threshold on, it risks {@code maxRiskPct} of equity
 * ({@code maxRiskPctGoodSetup} for a good setup) to the stop, including round-trip fees and
 * slippage: {@code qty = risk / (stopDistance + price × 2 × (fee + slippage))}, so the loss at the
 * stop plus costs never exceeds the risk budget. The notional is then clamped by the pair cap
 * (less what the symbol already holds) and by {@code equity × leverage}, where leverage is the tier's
 * for the equity and mode, clamped by the asset class cap. Quantities round down to
 * {@code qtyScale} decimals. Pure and deterministic; see docs/risk.md.
 */
public final class Sizer {
    /** One row of the leverage tiers: applies while equity ≤ {@code equityMax}. */
    public record Tier(BigDecimal equityMax, Map<Mode, BigDecimal> leverageByMode) {
    }

    /** Policy numbers (fractions, not percent). */
    public record Params(BigDecimal equityThresholdUsd, BigDecimal fixedTradeUsd, BigDecimal maxRiskPct,
                         BigDecimal maxRiskPctGoodSetup, BigDecimal feeBps, BigDecimal slippageBps,
                         double goodSetupScoreMin, BigDecimal pairCapFraction, List<Tier> tiers,
                         Map<AssetClass, BigDecimal> assetLeverageCaps, int qtyScale) {
    }

    /** What to ask the sizer. {@code symbolExposureUsd} is the notional the symbol already holds. */
    public record Request(AssetClass assetClass, Mode mode, BigDecimal equity, BigDecimal price, BigDecimal stopPrice,
                          double signalScore, boolean kpiRailsPass, BigDecimal maxPairFraction,
                          BigDecimal symbolExposureUsd) {
    }

    /** A size, or a reason to skip ({@code qty} zero). */
    public record Size(BigDecimal qty, BigDecimal sizeUsd, BigDecimal riskUsd, BigDecimal leverage, boolean goodSetup,
                       String phase, String skipReason) {
        public boolean skipped() { return skipReason != null; }
    }

    private static final MathContext MC = new MathContext(20, RoundingMode.HALF_EVEN);
    private static final BigDecimal BPS = BigDecimal.valueOf(10_000);

    private final Params p;

    public Sizer(Params params) { this.p = params; }

    public Size size(Request r) {
        if (r.price().signum() <= 0) return skip("price must be > 0");
        BigDecimal stopDistance = r.price().subtract(r.stopPrice()).abs();
        if (stopDistance.signum() == 0) return skip("stop equals entry price");
        if (r.equity().signum() <= 0) return skip("sub-ledger equity is " + r.equity().toPlainString());
        boolean goodSetup = r.signalScore() >= p.goodSetupScoreMin() && r.kpiRailsPass();
        BigDecimal leverage = leverage(r.assetClass(), r.mode(), r.equity());
        BigDecimal pairFraction = p.pairCapFraction().min(r.maxPairFraction());
        BigDecimal pairRoomUsd = r.equity().multiply(pairFraction).subtract(r.symbolExposureUsd());
        BigDecimal leverageRoomUsd = r.equity().multiply(leverage).subtract(r.symbolExposureUsd());
        BigDecimal roomUsd = pairRoomUsd.min(leverageRoomUsd);
        if (roomUsd.signum() <= 0) return skip("pair cap reached for this symbol");

        String phase;
        BigDecimal qty;
        if (r.equity().compareTo(p.equityThresholdUsd()) < 0) {
            phase = "FIXED";
            if (p.fixedTradeUsd().compareTo(roomUsd) > 0) {
                return skip("fixed $" + p.fixedTradeUsd().toPlainString() + " exceeds the pair/leverage room of $"
                        + roomUsd.setScale(2, RoundingMode.DOWN).toPlainString());
            }
            qty = p.fixedTradeUsd().divide(r.price(), p.qtyScale(), RoundingMode.DOWN);
        } else {
            phase = "RISK_PCT";
            BigDecimal riskBudget = r.equity().multiply(goodSetup ? p.maxRiskPctGoodSetup() : p.maxRiskPct());
            BigDecimal costPerUnit = r.price().multiply(BigDecimal.valueOf(2))
                    .multiply(p.feeBps().add(p.slippageBps())).divide(BPS, MC);
            qty = riskBudget.divide(stopDistance.add(costPerUnit), p.qtyScale(), RoundingMode.DOWN);
            BigDecimal maxQty = roomUsd.divide(r.price(), p.qtyScale(), RoundingMode.DOWN);
            qty = qty.min(maxQty);
        }
        if (qty.signum() <= 0) return skip("size rounds to zero at " + p.qtyScale() + " decimals");
        BigDecimal sizeUsd = qty.multiply(r.price());
        BigDecimal riskUsd = qty.multiply(stopDistance);
        return new Size(qty, sizeUsd, riskUsd, leverage, goodSetup, phase, null);
    }

    /** The tier's leverage for this equity and mode, clamped by the asset class cap. */
    BigDecimal leverage(AssetClass assetClass, Mode mode, BigDecimal equity) {
        BigDecimal cap = p.assetLeverageCaps().getOrDefault(assetClass, BigDecimal.ONE);
        BigDecimal tierLev = BigDecimal.ONE;
        for (Tier t : p.tiers()) {
            tierLev = t.leverageByMode().getOrDefault(mode, BigDecimal.ONE);
            if (equity.compareTo(t.equityMax()) <= 0) break;
        }
        return tierLev.min(cap);
    }

    private static Size skip(String reason) {
        return new Size(BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ONE, false, "SKIP", reason);
    }
}
