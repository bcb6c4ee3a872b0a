package dev.meridian.config;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * The sizer's global rules ({@code global} in sizing_policy.json). Below
 * {@code equityThresholdUsd} of sub-ledger equity every order is {@code fixedTradeUsd}; from there
 * it risks {@code maxRiskPct} of equity to a stop at {@code max(atrMultSl * ATR,
 * minStopDistancePct * price)}, or {@code maxRiskPctGoodSetup} when the signal score is at least
 * {@code goodSetupScoreMin} and every KPI rail passes. A normal setup puts at most
 * {@code normalSetupCapPct} of the sub-ledger into one symbol, a good setup at most
 * {@code pairAllocationCapPct}.
 *
 * @param equityThresholdUsd  equity (USD, > 0) where %-risk sizing takes over from the fixed size
 * @param fixedTradeUsd       order size (USD, > 0) in the fixed phase
 * @param maxRiskPct          fraction of equity risked to the stop, in (0, 0.1]
 * @param maxRiskPctGoodSetup the same for a good setup, in (0, 0.1] and >= maxRiskPct
 * @param atrMultSl           stop distance in ATRs, in (0, 20]
 * @param minStopDistancePct  least stop distance as a fraction of price, in (0, 1)
 * @param slippageBps         assumed slippage per fill in basis points, in [0, 1000]
 * @param feeBps              assumed fee per fill in basis points, in [0, 1000]
 * @param goodSetupScoreMin   signal score (0..1) from which a setup is good
 * @param pairAllocationCapPct hard cap of one symbol's position as a fraction of its sub-ledger, in (0, 1]
 * @param normalSetupCapPct   the same cap for a setup that is not good, in (0, pairAllocationCapPct]
 * @param equitySource        where equity is read
 */
public record SizingGlobal(BigDecimal equityThresholdUsd, BigDecimal fixedTradeUsd, BigDecimal maxRiskPct,
                           BigDecimal maxRiskPctGoodSetup, BigDecimal atrMultSl, BigDecimal minStopDistancePct,
                           BigDecimal slippageBps, BigDecimal feeBps, double goodSetupScoreMin,
                           BigDecimal pairAllocationCapPct, BigDecimal normalSetupCapPct,
                           EquitySource equitySource) {
    static final Range USD = Range.above("0");
    static final Range RISK_PCT = Range.openClosed("0", "0.1");
    static final Range ATR_MULT = Range.openClosed("0", "20");
    static final Range STOP_PCT = Range.open("0", "1");
    static final Range BPS = Range.closed("0", "1000");
    static final Range SCORE = Range.closed("0", "1");
    static final Range PAIR_CAP = Range.openClosed("0", "1");
    /** Shipped value of {@code normal_setup_cap_pct} when a policy file leaves it out. */
    static final BigDecimal NORMAL_SETUP_CAP_DEFAULT = new BigDecimal("0.05");

    public SizingGlobal {
        USD.check("equity_threshold_usd", equityThresholdUsd);
        USD.check("fixed_trade_usd", fixedTradeUsd);
        RISK_PCT.check("max_risk_pct", maxRiskPct);
        RISK_PCT.check("max_risk_pct_good_setup", maxRiskPctGoodSetup);
        ATR_MULT.check("atr_mult_sl", atrMultSl);
        STOP_PCT.check("min_stop_distance_pct", minStopDistancePct);
        BPS.check("slippage_bps", slippageBps);
        BPS.check("fee_bps", feeBps);
        SCORE.check("good_setup_score_min", goodSetupScoreMin);
        PAIR_CAP.check("pair_allocation_cap_pct", pairAllocationCapPct);
        PAIR_CAP.check("normal_setup_cap_pct", normalSetupCapPct);
        Objects.requireNonNull(equitySource, "equitySource");
        // A good setup may risk more, never less: otherwise the "boost" would shrink positions.
        if (maxRiskPctGoodSetup.compareTo(maxRiskPct) < 0) {
            throw new IllegalArgumentException("max_risk_pct_good_setup must be >= max_risk_pct ("
                    + maxRiskPct.toPlainString() + "), got " + maxRiskPctGoodSetup.toPlainString());
        }
        // The good-setup cap is the larger one; a normal cap above it would make "good" a penalty.
        if (normalSetupCapPct.compareTo(pairAllocationCapPct) > 0) {
            throw new IllegalArgumentException("normal_setup_cap_pct must be <= pair_allocation_cap_pct ("
                    + pairAllocationCapPct.toPlainString() + "), got " + normalSetupCapPct.toPlainString());
        }
    }
}
