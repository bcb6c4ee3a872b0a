package dev.meridian.options;

import dev.meridian.core.Side;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Builds {@link OptionPackage}s from chain contracts and sizes them to a USD budget.
 *
 * <p>Every package is built at quantity 1 (one unit of underlying per leg, a "unit package");
 * {@link #size} scales it. Legs are priced where they can be traded now: a BUY at the ask, a SELL
 * at the bid, so premium and outcomes are what a market order would get, not the mark. Greeks come
 * from {@link PricingContext#greeks} and each option leg records its market IV
 * ({@link PricingContext#impliedVol}) for the rails.
 *
 * <p>Contracts that cannot form the named package (wrong type, strikes in the wrong order,
 * different expiries, no bid to sell into or no ask to buy from) are an
 * {@link IllegalArgumentException} that names the contract; they are a caller's mistake or a
 * market without quotes, and nothing is guessed.
 *
 * <p>Sizing: the budget pays for a debit package's net premium and covers a credit package's max
 * loss ({@link PackageSizing.Basis}); the fixed phase passes its $10 (sizing_policy
 * {@code fixed_trade_usd}), the %-risk phase its risk budget. qty = budget / per-unit figure,
 * rounded down to {@code qtyStep}; a qty below {@code minQty} is refused with the reason, never
 * raised to the minimum, so a package never spends or risks more than its budget.
 */
public final class PackageBuilder {
    /** Whether the package should profit from a rise or a fall of the underlying. */
    public enum Bias { BULLISH, BEARISH }

    private final PricingContext ctx;
    private final BigDecimal qtyStep;
    private final BigDecimal minQty;

    /**
     * @param qtyStep quantities are multiples of it, > 0 (0.01 for Bybit's BTC options)
     * @param minQty  the least quantity an order may have, > 0 (0.01 for Bybit's BTC options)
     */
    public PackageBuilder(PricingContext ctx, BigDecimal qtyStep, BigDecimal minQty) {
        this.ctx = Objects.requireNonNull(ctx, "ctx");
        this.qtyStep = Objects.requireNonNull(qtyStep, "qtyStep");
        this.minQty = Objects.requireNonNull(minQty, "minQty");
        if (qtyStep.signum() <= 0) throw new IllegalArgumentException("qtyStep must be > 0, got " + qtyStep.toPlainString());
        if (minQty.signum() <= 0) throw new IllegalArgumentException("minQty must be > 0, got " + minQty.toPlainString());
    }

    /** Bull call spread when bullish, bear put spread when bearish: long the nearer-the-money leg. */
    public OptionPackage verticalDebit(Bias bias, OptionQuote longLeg, OptionQuote shortLeg) {
        return bias == Bias.BULLISH ? bullCallSpread(longLeg, shortLeg) : bearPutSpread(longLeg, shortLeg);
    }

    /** Bull put spread when bullish, bear call spread when bearish: short the nearer-the-money leg. */
    public OptionPackage verticalCredit(Bias bias, OptionQuote shortLeg, OptionQuote longLeg) {
        return bias == Bias.BULLISH ? bullPutSpread(shortLeg, longLeg) : bearCallSpread(shortLeg, longLeg);
    }

    /** Long call K1, short call K2 > K1. Max loss the debit, max gain K2 − K1 − debit, breakeven K1 + debit. */
    public OptionPackage bullCallSpread(OptionQuote longCall, OptionQuote shortCall) {
        return vertical(OptionPackage.Kind.BULL_CALL_SPREAD, OptionType.CALL, longCall, shortCall, true);
    }

    /** Long put K2, short put K1 &lt; K2. Max loss the debit, max gain K2 − K1 − debit, breakeven K2 − debit. */
    public OptionPackage bearPutSpread(OptionQuote longPut, OptionQuote shortPut) {
        return vertical(OptionPackage.Kind.BEAR_PUT_SPREAD, OptionType.PUT, longPut, shortPut, false);
    }

    /** Short put K2, long put K1 &lt; K2. Max gain the credit, max loss K2 − K1 − credit, breakeven K2 − credit. */
    public OptionPackage bullPutSpread(OptionQuote shortPut, OptionQuote longPut) {
        return vertical(OptionPackage.Kind.BULL_PUT_SPREAD, OptionType.PUT, longPut, shortPut, true);
    }

    /** Short call K1, long call K2 > K1. Max gain the credit, max loss K2 − K1 − credit, breakeven K1 + credit. */
    public OptionPackage bearCallSpread(OptionQuote shortCall, OptionQuote longCall) {
        return vertical(OptionPackage.Kind.BEAR_CALL_SPREAD, OptionType.CALL, longCall, shortCall, false);
    }

    /**
     * One vertical: both legs of {@code type} and one series, the bought strike below the sold one
     * when {@code boughtBelow}, else above; the legs listed debit-first as bought then sold, and
     * credit-first as sold then bought.
     */
    private OptionPackage vertical(OptionPackage.Kind kind, OptionType type, OptionQuote bought, OptionQuote sold, boolean boughtBelow) {
        require(bought, type);
        require(sold, type);
        sameSeries(bought, sold);
        if (boughtBelow) strikesAscending(bought, sold);
        else strikesAscending(sold, bought);
        return unit(kind, kind.credit() ? List.of(sell(sold), buy(bought)) : List.of(buy(bought), sell(sold)));
    }

    /**
     * Long one unit of underlying bought at {@code underlyingEntryPrice} and a put on it. Max loss
     * entry − K + put premium, max gain unbounded, breakeven entry + premium. The underlying leg is
     * modelled as a spot/perp position with delta 1 per unit; its cost is not premium, so the
     * PREMIUM sizing basis buys only the put and the leg's notional (entry × qty) is far larger than
     * the budget: funding it is the caller's matter.
     */
    public OptionPackage protectivePut(OptionQuote put, BigDecimal underlyingEntryPrice) {
        require(put, OptionType.PUT);
        Objects.requireNonNull(underlyingEntryPrice, "underlyingEntryPrice");
        return unit(OptionPackage.Kind.PROTECTIVE_PUT, List.of(OptionPackage.Leg.underlying(Side.BUY, BigDecimal.ONE, underlyingEntryPrice), buy(put)));
    }

    /**
     * Long put K1 &lt; short put K2 ≤ short call K3 &lt; long call K4, one expiry (K2 = K3 is an iron
     * butterfly). Max gain the credit; max loss max(K2 − K1, K4 − K3) − credit, since at expiry only
     * one side can be in the money; breakevens K2 − credit and K3 + credit.
     */
    public OptionPackage ironCondor(OptionQuote longPut, OptionQuote shortPut, OptionQuote shortCall, OptionQuote longCall) {
        require(longPut, OptionType.PUT);
        require(shortPut, OptionType.PUT);
        require(shortCall, OptionType.CALL);
        require(longCall, OptionType.CALL);
        sameSeries(longPut, shortPut);
        sameSeries(longPut, shortCall);
        sameSeries(longPut, longCall);
        strikesAscending(longPut, shortPut);
        if (shortPut.strike().compareTo(shortCall.strike()) > 0) {
            throw new IllegalArgumentException("iron condor: short put " + shortPut.symbol() + " strike must be <= short call "
                    + shortCall.symbol() + " strike");
        }
        strikesAscending(shortCall, longCall);
        return unit(OptionPackage.Kind.IRON_CONDOR, List.of(buy(longPut), sell(shortPut), sell(shortCall), buy(longCall)));
    }

    /**
     * {@code unit} scaled to spend (debit) or risk (credit) at most {@code budgetUsd}, or the
     * refusal. Any package is accepted: its per-unit figure is taken at its own qty.
     */
    public PackageSizing size(OptionPackage unit, BigDecimal budgetUsd) {
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(budgetUsd, "budgetUsd");
        PackageSizing.Basis basis = unit.credit() ? PackageSizing.Basis.MAX_LOSS : PackageSizing.Basis.PREMIUM;
        BigDecimal measured = basis == PackageSizing.Basis.MAX_LOSS ? unit.maxLoss() : unit.netPremium();
        if (measured.signum() <= 0) {
            throw new IllegalArgumentException(unit.kind() + ": a debit package must cost premium, got " + measured.toPlainString());
        }
        BigDecimal perUnit = measured.divide(unit.qty(), 18, RoundingMode.UP);
        String what = basis == PackageSizing.Basis.MAX_LOSS ? "max loss" : "premium";
        if (budgetUsd.signum() <= 0) {
            return refused(unit, basis, budgetUsd, perUnit, BigDecimal.ZERO,
                    "budget $" + budgetUsd.toPlainString() + " is not positive");
        }
        BigDecimal steps = budgetUsd.divide(perUnit.multiply(qtyStep), 0, RoundingMode.FLOOR);
        BigDecimal qty = steps.multiply(qtyStep);
        if (qty.compareTo(minQty) < 0) {
            return refused(unit, basis, budgetUsd, perUnit, qty, unit.kind() + ": $" + budgetUsd.toPlainString() + " of " + what
                    + " at $" + perUnit.setScale(2, RoundingMode.UP).toPlainString() + " per unit buys "
                    + qty.stripTrailingZeros().toPlainString() + " (rounded down to step " + qtyStep.toPlainString()
                    + "), below the minimum qty " + minQty.toPlainString());
        }
        OptionPackage sized = unit.withQty(qty);
        return new PackageSizing(unit.kind(), basis, budgetUsd, perUnit, qty, minQty, Optional.of(sized), Optional.empty());
    }

    private PackageSizing refused(OptionPackage unit, PackageSizing.Basis basis, BigDecimal budget, BigDecimal perUnit,
                                  BigDecimal qty, String reason) {
        return new PackageSizing(unit.kind(), basis, budget, perUnit, qty, minQty, Optional.empty(), Optional.of(reason));
    }

    private OptionPackage unit(OptionPackage.Kind kind, List<OptionPackage.Leg> legs) {
        return OptionPackage.of(kind, legs, ctx.underlyingPrice());
    }

    private OptionPackage.Leg buy(OptionQuote q) {
        if (!q.hasAsk()) throw new IllegalArgumentException("cannot buy " + q.symbol() + ": no ask");
        return OptionPackage.Leg.option(q, Side.BUY, BigDecimal.ONE, q.ask(), ctx.greeks(q).greeks(), ctx.impliedVol(q));
    }

    private OptionPackage.Leg sell(OptionQuote q) {
        if (!q.hasBid()) throw new IllegalArgumentException("cannot sell " + q.symbol() + ": no bid");
        return OptionPackage.Leg.option(q, Side.SELL, BigDecimal.ONE, q.bid(), ctx.greeks(q).greeks(), ctx.impliedVol(q));
    }

    private void require(OptionQuote q, OptionType type) {
        Objects.requireNonNull(q, "contract");
        if (q.type() != type) throw new IllegalArgumentException(q.symbol() + " is a " + q.type() + ", expected a " + type);
        if (q.expiryMs() <= ctx.nowMs()) throw new IllegalArgumentException(q.symbol() + " has expired");
    }

    private static void sameSeries(OptionQuote a, OptionQuote b) {
        if (!a.underlying().equals(b.underlying()) || a.expiryMs() != b.expiryMs()) {
            throw new IllegalArgumentException(a.symbol() + " and " + b.symbol() + " must share underlying and expiry");
        }
    }

    private static void strikesAscending(OptionQuote lower, OptionQuote higher) {
        if (lower.strike().compareTo(higher.strike()) >= 0) {
            throw new IllegalArgumentException(lower.symbol() + " strike must be below " + higher.symbol() + " strike");
        }
    }
}
