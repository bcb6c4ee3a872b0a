package dev.meridian.options;

import dev.meridian.core.Side;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Picks a contract from a chain by days to expiry and |delta|.
 *
 * <p>{@link #select}: among the expiries whose days to expiry lie in [minDays, maxDays], the one
 * closest to {@code targetDays} (the earlier on a tie: less time risk); there, the contract of the
 * type whose |delta| is closest to {@code targetAbsDelta} (the smaller |delta| on a tie, i.e.
 * further out of the money). If that expiry has no usable contract the next-closest expiry is
 * tried. A contract is usable when the side can trade it now: a bid to sell into, an ask to buy
 * from. Delta comes from {@link PricingContext#greeks} (venue, else mark IV, else realized vol).
 */
public final class ContractSelector {
    private ContractSelector() {
    }

    /**
     * What to look for.
     *
     * @param type           call or put
     * @param side           BUY needs an ask, SELL a bid
     * @param targetAbsDelta in (0, 1)
     * @param targetDays     preferred days to expiry, in [minDays, maxDays]
     * @param minDays        ≥ 0
     * @param maxDays        ≥ minDays
     */
    public record Criteria(OptionType type, Side side, double targetAbsDelta, double targetDays, double minDays, double maxDays) {
        public Criteria {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(side, "side");
            if (!(targetAbsDelta > 0 && targetAbsDelta < 1)) {
                throw new IllegalArgumentException("targetAbsDelta must be in (0, 1), got " + targetAbsDelta);
            }
            if (!(minDays >= 0)) throw new IllegalArgumentException("minDays must be >= 0, got " + minDays);
            if (!(maxDays >= minDays) || Double.isInfinite(maxDays)) {
                throw new IllegalArgumentException("maxDays must be finite and >= minDays (" + minDays + "), got " + maxDays);
            }
            if (!(targetDays >= minDays && targetDays <= maxDays)) {
                throw new IllegalArgumentException("targetDays must be in [" + minDays + ", " + maxDays + "], got " + targetDays);
            }
        }
    }

    /** The chosen contract with the delta that chose it. */
    public record Selection(OptionQuote contract, double delta, GreeksSource deltaSource, double daysToExpiry) {
        public Selection {
            Objects.requireNonNull(contract, "contract");
            Objects.requireNonNull(deltaSource, "deltaSource");
        }
    }

    /** The contract meeting {@code criteria} best, or empty when no expiry in range has a usable one. */
    public static Optional<Selection> select(OptionChain chain, PricingContext ctx, Criteria criteria) {
        List<Long> inRange = chain.expiries().stream()
                .filter(e -> {
                    double days = days(e, ctx);
                    return days >= criteria.minDays() && days <= criteria.maxDays();
                })
                .sorted(Comparator.<Long>comparingDouble(e -> Math.abs(days(e, ctx) - criteria.targetDays())).thenComparing(e -> e))
                .toList();
        for (long expiry : inRange) {
            Optional<Selection> s = nearestDelta(chain, ctx, expiry, criteria.type(), criteria.side(), criteria.targetAbsDelta());
            if (s.isPresent()) return s;
        }
        return Optional.empty();
    }

    /**
     * Within one expiry: the usable contract of {@code type} whose |delta| is closest to
     * {@code targetAbsDelta}, the smaller |delta| on a tie. Used for a spread's second leg.
     */
    public static Optional<Selection> nearestDelta(OptionChain chain, PricingContext ctx, long expiryMs, OptionType type, Side side,
                                                   double targetAbsDelta) {
        Selection best = null;
        double bestDistance = Double.POSITIVE_INFINITY;
        for (OptionQuote q : chain.contracts(expiryMs, type)) {
            if (side == Side.BUY ? !q.hasAsk() : !q.hasBid()) continue;
            PricingContext.SourcedGreeks g = ctx.greeks(q);
            double absDelta = Math.abs(g.greeks().delta());
            double distance = Math.abs(absDelta - targetAbsDelta);
            if (distance < bestDistance || distance == bestDistance && absDelta < Math.abs(best.delta())) {
                best = new Selection(q, g.greeks().delta(), g.source(), q.daysToExpiry(ctx.nowMs()));
                bestDistance = distance;
            }
        }
        return Optional.ofNullable(best);
    }

    private static double days(long expiryMs, PricingContext ctx) {
        return Math.max(expiryMs - ctx.nowMs(), 0) / OptionQuote.MS_PER_DAY;
    }
}
