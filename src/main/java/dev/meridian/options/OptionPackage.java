package dev.meridian.options;

import dev.meridian.core.Side;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.TreeSet;

/**
 * A set of option legs (and possibly one underlying leg) opened together and judged as one
 * position: its premium, its worst and best outcome at expiry, where it breaks even, and its net
 * greeks. Build it with {@link PackageBuilder}; {@link #of} derives every figure from the legs.
 *
 * <p>Figures, all for the whole package at its quantity:
 * <ul>
 *   <li>{@code netPremium}: option premium paid (> 0, a debit) or received (&lt; 0, a credit) at the
 *   legs' prices; an underlying leg is not premium.</li>
 *   <li>{@code maxLoss} > 0 and {@code maxGain}: the least and greatest profit at expiry over every
 *   underlying price, premium and the underlying leg's entry included; {@code maxGain} is empty
 *   when unbounded (a long call or long underlying leg above the last strike).</li>
 *   <li>{@code breakevens}: the underlying prices at expiry where the profit is 0, ascending.</li>
 *   <li>Net greeks: Σ ±qty × the leg's greeks per unit (+ for BUY); delta in units of underlying,
 *   gamma per unit of underlying price, vega per volatility point (0.01), theta per calendar day.</li>
 * </ul>
 * Invariants: legs non-empty, all legs have the same quantity > 0, all option legs have the same
 * underlying and expiry (profit at expiry is then a function of one price), at most one
 * underlying leg; the loss is bounded; {@code underlyingPrice} (the price it was built at) > 0.
 */
public record OptionPackage(Kind kind, List<Leg> legs, double underlyingPrice, BigDecimal netPremium, BigDecimal maxLoss,
                            Optional<BigDecimal> maxGain, List<Double> breakevens, double netDelta, double netGamma,
                            double netVegaPerVolPoint, double netThetaPerDay) {

    /** The package shapes {@link PackageBuilder} makes, each a debit or a credit with the sizing basis that follows. */
    public enum Kind {
        /** Long a call, short a higher-strike call: bullish, debit. */
        BULL_CALL_SPREAD(false),
        /** Long a put, short a lower-strike put: bearish, debit. */
        BEAR_PUT_SPREAD(false),
        /** Short a put, long a lower-strike put: bullish, credit. */
        BULL_PUT_SPREAD(true),
        /** Short a call, long a higher-strike call: bearish, credit. */
        BEAR_CALL_SPREAD(true),
        /** Long the underlying and a put on the same quantity: the put floors the loss; debit. */
        PROTECTIVE_PUT(false),
        /** A bull put spread below and a bear call spread above the price: range-bound, credit. */
        IRON_CONDOR(true);

        private final boolean credit;

        Kind(boolean credit) { this.credit = credit; }

        /** True when opening it receives premium: it is sold volatility, sized by its max loss. */
        public boolean credit() { return credit; }
    }

    /**
     * One leg. An option leg names its contract; the underlying leg (a spot or perp position held
     * with the options, e.g. a protective put's) has none and its greeks are {@link Greeks#UNDERLYING}.
     *
     * @param contract empty for the underlying leg
     * @param side     BUY opens long, SELL short
     * @param qty      units of underlying, > 0
     * @param price    the price per unit the leg is opened at, > 0
     * @param greeks   per unit of a long position
     * @param impliedVol the contract's market IV ({@link PricingContext#impliedVol}); empty for the underlying leg
     */
    public record Leg(Optional<OptionQuote> contract, Side side, BigDecimal qty, BigDecimal price, Greeks greeks,
                      OptionalDouble impliedVol) {
        public Leg {
            Objects.requireNonNull(contract, "contract");
            Objects.requireNonNull(side, "side");
            Objects.requireNonNull(qty, "qty");
            Objects.requireNonNull(price, "price");
            Objects.requireNonNull(greeks, "greeks");
            Objects.requireNonNull(impliedVol, "impliedVol");
            if (qty.signum() <= 0) throw new IllegalArgumentException("leg qty must be > 0, got " + qty.toPlainString());
            if (price.signum() <= 0) throw new IllegalArgumentException("leg price must be > 0, got " + price.toPlainString());
        }

        public static Leg option(OptionQuote contract, Side side, BigDecimal qty, BigDecimal price, Greeks greeks, OptionalDouble impliedVol) {
            return new Leg(Optional.of(contract), side, qty, price, greeks, impliedVol);
        }

        /** A spot/perp leg: delta 1 per unit, no other greeks. */
        public static Leg underlying(Side side, BigDecimal qty, BigDecimal price) {
            return new Leg(Optional.empty(), side, qty, price, Greeks.UNDERLYING, OptionalDouble.empty());
        }

        public boolean isOption() { return contract.isPresent(); }

        /** Premium paid (+) or received (−); 0 for the underlying leg. */
        public BigDecimal premium() {
            return isOption() ? signed(qty.multiply(price)) : BigDecimal.ZERO;
        }

        /** Profit at expiry with the underlying at {@code s}: value then minus the price paid, signed, × qty. */
        public BigDecimal profitAt(BigDecimal s) {
            BigDecimal valuePerUnit = contract.map(c -> intrinsic(c, s)).orElse(s);
            return signed(valuePerUnit.subtract(price).multiply(qty));
        }

        /** Change in profit per unit rise of the underlying above every strike: +qty for long calls and long underlying. */
        BigDecimal slopeAboveStrikes() {
            boolean rises = contract.map(c -> c.type() == OptionType.CALL).orElse(true);
            return rises ? signed(qty) : BigDecimal.ZERO;
        }

        Leg withQty(BigDecimal newQty) { return new Leg(contract, side, newQty, price, greeks, impliedVol); }

        private BigDecimal signed(BigDecimal v) { return side == Side.BUY ? v : v.negate(); }

        private static BigDecimal intrinsic(OptionQuote c, BigDecimal s) {
            BigDecimal v = c.type() == OptionType.CALL ? s.subtract(c.strike()) : c.strike().subtract(s);
            return v.max(BigDecimal.ZERO);
        }
    }

    public OptionPackage {
        Objects.requireNonNull(kind, "kind");
        legs = List.copyOf(legs);
        if (legs.isEmpty()) throw new IllegalArgumentException("a package needs at least one leg");
        BigDecimal qty = legs.get(0).qty();
        long options = legs.stream().filter(Leg::isOption).count();
        if (options == 0) throw new IllegalArgumentException("a package needs at least one option leg");
        if (legs.size() - options > 1) throw new IllegalArgumentException("a package has at most one underlying leg");
        OptionQuote first = legs.stream().filter(Leg::isOption).findFirst().orElseThrow().contract().orElseThrow();
        for (Leg leg : legs) {
            if (leg.qty().compareTo(qty) != 0) throw new IllegalArgumentException("all legs must have the same qty, got "
                    + qty.toPlainString() + " and " + leg.qty().toPlainString());
            leg.contract().ifPresent(c -> {
                if (!c.underlying().equals(first.underlying()) || c.expiryMs() != first.expiryMs()) {
                    throw new IllegalArgumentException("all option legs must share underlying and expiry: "
                            + first.symbol() + " and " + c.symbol());
                }
            });
        }
        if (!(underlyingPrice > 0) || Double.isInfinite(underlyingPrice)) {
            throw new IllegalArgumentException("underlying price must be > 0 and finite, got " + underlyingPrice);
        }
        Objects.requireNonNull(netPremium, "netPremium");
        Objects.requireNonNull(maxLoss, "maxLoss");
        if (maxLoss.signum() <= 0) throw new IllegalArgumentException("max loss must be > 0, got " + maxLoss.toPlainString());
        Objects.requireNonNull(maxGain, "maxGain");
        breakevens = List.copyOf(breakevens);
    }

    /**
     * The package of these legs with every figure derived from them.
     *
     * <p>Profit at expiry is piecewise linear in the underlying price with kinks only at strikes, so
     * its extremes lie at 0, at a strike, or at +∞ (where only calls and the underlying leg still
     * move it), and its zeros can be found segment by segment exactly.
     *
     * @throws IllegalArgumentException when the invariants fail, the loss is unbounded, or the legs
     *                                  cannot lose (max loss ≤ 0: the prices are not a market)
     */
    public static OptionPackage of(Kind kind, List<Leg> legs, double underlyingPrice) {
        TreeSet<BigDecimal> kinks = new TreeSet<>();
        kinks.add(BigDecimal.ZERO);
        BigDecimal slope = BigDecimal.ZERO;
        BigDecimal premium = BigDecimal.ZERO;
        double delta = 0;
        double gamma = 0;
        double vega = 0;
        double theta = 0;
        for (Leg leg : legs) {
            leg.contract().ifPresent(c -> kinks.add(c.strike()));
            slope = slope.add(leg.slopeAboveStrikes());
            premium = premium.add(leg.premium());
            double q = leg.qty().doubleValue() * (leg.side() == Side.BUY ? 1 : -1);
            delta += q * leg.greeks().delta();
            gamma += q * leg.greeks().gamma();
            vega += q * leg.greeks().vegaPerVolPoint();
            theta += q * leg.greeks().thetaPerDay();
        }
        List<BigDecimal> points = new ArrayList<>(kinks);
        List<BigDecimal> profits = points.stream().map(s -> profitAt(legs, s)).toList();
        BigDecimal worst = profits.stream().min(BigDecimal::compareTo).orElseThrow();
        BigDecimal best = profits.stream().max(BigDecimal::compareTo).orElseThrow();
        if (slope.signum() < 0) throw new IllegalArgumentException(kind + ": loss is unbounded as the underlying rises");
        Optional<BigDecimal> maxGain = slope.signum() > 0 ? Optional.empty() : Optional.of(best);
        BigDecimal maxLoss = worst.negate();
        if (maxLoss.signum() <= 0) {
            throw new IllegalArgumentException(kind + ": cannot lose at these prices (worst profit at expiry "
                    + worst.toPlainString() + "); the quotes are not a market");
        }
        List<Double> breakevens = breakevens(points, profits, slope);
        return new OptionPackage(kind, legs, underlyingPrice, premium, maxLoss, maxGain, breakevens, delta, gamma, vega, theta);
    }

    /** Profit at expiry of the whole package with the underlying at {@code underlyingPrice}. */
    public BigDecimal profitAt(BigDecimal underlyingPrice) {
        return profitAt(legs, underlyingPrice);
    }

    /** The common quantity of the legs. */
    public BigDecimal qty() { return legs.get(0).qty(); }

    public boolean credit() { return kind.credit(); }

    public String underlying() { return optionLegs().get(0).contract().orElseThrow().underlying(); }

    public long expiryMs() { return optionLegs().get(0).contract().orElseThrow().expiryMs(); }

    public List<Leg> optionLegs() { return legs.stream().filter(Leg::isOption).toList(); }

    /** True when any leg's contract is synthetic: results must be labelled so. */
    public boolean synthetic() { return optionLegs().stream().anyMatch(l -> l.contract().orElseThrow().synthetic()); }

    /** The same package with every leg at {@code qty}; the greeks, premium and outcomes scale with it. */
    public OptionPackage withQty(BigDecimal qty) {
        return of(kind, legs.stream().map(l -> l.withQty(qty)).toList(), underlyingPrice);
    }

    /** The package's directional exposure now, for the sub-ledger's delta rail. */
    public DeltaExposure exposure() { return new DeltaExposure(underlying(), netDelta, underlyingPrice); }

    private static BigDecimal profitAt(List<Leg> legs, BigDecimal s) {
        BigDecimal sum = BigDecimal.ZERO;
        for (Leg leg : legs) sum = sum.add(leg.profitAt(s));
        return sum;
    }

    private static List<Double> breakevens(List<BigDecimal> points, List<BigDecimal> profits, BigDecimal slopeAbove) {
        List<Double> zeros = new ArrayList<>();
        for (int i = 0; i + 1 < points.size(); i++) {
            double x0 = points.get(i).doubleValue();
            double x1 = points.get(i + 1).doubleValue();
            double y0 = profits.get(i).doubleValue();
            double y1 = profits.get(i + 1).doubleValue();
            if (y0 == 0 && i > 0) addOnce(zeros, x0);
            if (y0 < 0 && y1 > 0 || y0 > 0 && y1 < 0) addOnce(zeros, x0 + (x1 - x0) * (-y0) / (y1 - y0));
        }
        int last = points.size() - 1;
        double xLast = points.get(last).doubleValue();
        double yLast = profits.get(last).doubleValue();
        double slope = slopeAbove.doubleValue();
        if (yLast == 0 && last > 0) addOnce(zeros, xLast);
        if (yLast < 0 && slope > 0) addOnce(zeros, xLast - yLast / slope);
        return zeros;
    }

    private static void addOnce(List<Double> zeros, double x) {
        if (zeros.isEmpty() || zeros.get(zeros.size() - 1) != x) zeros.add(x);
    }
}
