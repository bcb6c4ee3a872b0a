package dev.meridian.risk;

import dev.meridian.core.AssetClass;
import dev.meridian.core.ForexPair;
import dev.meridian.core.Instrument;
import dev.meridian.core.Mode;
import dev.meridian.core.Side;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Sizes one entry and says why. Below {@code equityThresholdUsd} of sub-ledger equity the order is
 * a fixed {@code fixedTradeUsd} notional (skipped, never resized, when a cap or the instrument's
 * minimum does not allow it). From the threshold on it risks {@code maxRiskPct} of equity
 * ({@code maxRiskPctGoodSetup} for a good setup) to the stop including round-trip costs:
 * {@code qty = risk / (stopDistance + (2 × price + stopDistance) × (fee + slippage))}, so the loss at
 * the stop plus fees and slippage never exceeds the risk budget. The size is then clamped by the
 * per-pair cap of the setup, the owner's Max Pair % and the leverage cap (each less what the symbol
 * already holds; margin rather than notional for PERP and FOREX), scaled down by a session multiplier below 1,
 * and rounded down to the instrument's quantity step. Pure and deterministic; docs/risk.md states
 * every rule with a worked example.
 *
 * <p><b>FOREX</b> is sized in whole units of the base currency, with every limit in USD: the stop
 * distance and the costs per unit are in the quote currency (a price difference), so the loss per
 * unit in USD is {@code lossPerUnit × factor}, where {@code factor} converts the quote currency to
 * USD ({@link ForexPair}: 1 for EUR_USD, {@code 1 / rate} for USD_JPY), and a unit's USD value is
 * its USD notional (the price for EUR_USD, 1 for USD_JPY). The rate is the price the ledger will
 * convert the loss at: the exit's. For a long that is the stop, slipped,
 * {@code (price − distance) × (1 − slippage)}; for a short the entry price (its stop is higher, so
 * the entry is the conservative rate). {@code units = floor(risk / (lossPerUnit × factor))} before
 * the caps, which bound margin as for PERP; the fixed phase is {@code fixed_trade_usd} of USD
 * notional in units; the stop distance is at least {@link ForexPair#MIN_STOP_PIPS} pips. A pair
 * without a USD leg is refused.
 */
public final class Sizer {
    /** One row of the leverage tiers: applies while equity ≤ {@code equityMax}. */
    public record Tier(BigDecimal equityMax, Map<Mode, BigDecimal> leverageByMode) {
    }

    /**
     * Policy numbers, fractions not percent ({@code feeBps} and {@code slippageBps} in basis points
     * per fill). {@code normalCapFraction} ≤ {@code pairCapFraction} bound one symbol for a normal
     * and a good setup; {@code qtyScale} is the rounding used when the request has no instrument filter.
     */
    public record Params(BigDecimal equityThresholdUsd, BigDecimal fixedTradeUsd, BigDecimal maxRiskPct,
                         BigDecimal maxRiskPctGoodSetup, BigDecimal atrMultSl, BigDecimal minStopDistancePct,
                         BigDecimal feeBps, BigDecimal slippageBps, double goodSetupScoreMin,
                         BigDecimal normalCapFraction, BigDecimal pairCapFraction, List<Tier> tiers,
                         Map<AssetClass, BigDecimal> assetLeverageCaps, int qtyScale) {
        public Params {
            if (tiers.isEmpty()) throw new IllegalArgumentException("at least one leverage tier is needed");
            if (normalCapFraction.compareTo(pairCapFraction) > 0) {
                throw new IllegalArgumentException("normal setup cap must be <= pair cap");
            }
            tiers = List.copyOf(tiers);
            assetLeverageCaps = Map.copyOf(assetLeverageCaps);
        }
    }

    /**
     * The instrument's order filters. Zero means "no such filter". {@code minNotional} is the least
     * order value in quote currency (Bybit spot {@code minOrderAmt}, linear {@code minNotionalValue}).
     */
    public record Filter(BigDecimal qtyStep, BigDecimal minOrderQty, BigDecimal minNotional) {
        public Filter {
            if (qtyStep.signum() < 0 || minOrderQty.signum() < 0 || minNotional.signum() < 0) {
                throw new IllegalArgumentException("instrument filters must be >= 0");
            }
        }

        /** The filters of an exchange instrument; missing fields count as no filter. */
        public static Filter of(Instrument i) {
            return new Filter(orZero(i.qtyStep()), orZero(i.minOrderQty()), orZero(i.minOrderAmt()));
        }

        private static BigDecimal orZero(BigDecimal v) { return v == null ? BigDecimal.ZERO : v; }
    }

    /**
     * What to size. {@code stopPrice} is the strategy's stop; {@code atr} (price units) sets the
     * policy's least stop distance. {@code sessionSizeMult} is the session profile's size multiplier,
     * {@code maxPairFraction} the owner's Max Pair % as a fraction, {@code symbolExposureUsd} the
     * notional the symbol already holds in this sub-ledger (positions and open entry orders).
     * {@code filter} is empty when the instrument's filters are unknown (e.g. replays).
     * {@code symbol} is the instrument's name; only FOREX reads it (its {@link ForexPair}).
     */
    public record Request(AssetClass assetClass, Mode mode, Side side, BigDecimal equity, BigDecimal price,
                          BigDecimal stopPrice, double atr, double signalScore, boolean kpiRailsPass,
                          BigDecimal sessionSizeMult, BigDecimal maxPairFraction, BigDecimal symbolExposureUsd,
                          Optional<Filter> filter, String symbol) {
        public Request {
            Objects.requireNonNull(assetClass, "assetClass");
            Objects.requireNonNull(mode, "mode");
            Objects.requireNonNull(side, "side");
            Objects.requireNonNull(filter, "filter");
            Objects.requireNonNull(symbol, "symbol");
        }

        /** A request without the instrument's name: enough for every class but FOREX, which it refuses. */
        public Request(AssetClass assetClass, Mode mode, Side side, BigDecimal equity, BigDecimal price,
                       BigDecimal stopPrice, double atr, double signalScore, boolean kpiRailsPass,
                       BigDecimal sessionSizeMult, BigDecimal maxPairFraction, BigDecimal symbolExposureUsd,
                       Optional<Filter> filter) {
            this(assetClass, mode, side, equity, price, stopPrice, atr, signalScore, kpiRailsPass, sessionSizeMult,
                    maxPairFraction, symbolExposureUsd, filter, "");
        }
    }

    /** How the size was reached: FIXED or RISK_PCT, or REFUSED when the inputs were unusable. */
    public enum Phase { FIXED, RISK_PCT, REFUSED }

    /**
     * The limits a size passes through, in order. RISK: risk budget over the per-unit loss at the
     * stop. FIXED: the fixed-phase notional. PAIR_CAP: the setup's per-symbol cap (normal or good).
     * MAX_PAIR_PCT: the owner's Max Pair %. LEVERAGE: equity × leverage. SESSION: the session
     * multiplier below 1. QTY_STEP: rounding down to the instrument's step. MIN_ORDER: the
     * instrument's minimum quantity or order value (only ever skips).
     */
    public enum Limit { RISK, FIXED, PAIR_CAP, MAX_PAIR_PCT, LEVERAGE, SESSION, QTY_STEP, MIN_ORDER }

    /**
     * One limit applied: {@code limitUsd} is the notional it allows (for PERP and FOREX already
     * multiplied by leverage, i.e. a margin cap), {@code beforeUsd}/{@code afterUsd} the notional around it.
     */
    public record Step(Limit limit, BigDecimal limitUsd, BigDecimal beforeUsd, BigDecimal afterUsd) {
        /** True when this limit reduced the size (or, for MIN_ORDER, refused it). */
        public boolean bound() { return afterUsd.compareTo(beforeUsd) < 0; }
    }

    /**
     * A sizing decision with the numbers that produced it. {@code qty} is zero when skipped.
     * {@code riskUsd} is the loss at the stop plus round-trip costs for {@code qty} (its upper bound
     * in the fixed phase too); {@code marginUsd} is {@code sizeUsd / leverage}. {@code riskBudgetUsd}
     * is zero in the fixed phase. {@code boundBy} is the limit that set the size (RISK or FIXED unless a
     * later limit cut it), empty only when REFUSED; {@code skipReason} is null unless skipped.
     */
    public record Size(Phase phase, BigDecimal qty, BigDecimal sizeUsd, BigDecimal riskUsd, BigDecimal leverage,
                       boolean goodSetup, BigDecimal equity, BigDecimal riskBudgetUsd, BigDecimal stopDistance,
                       BigDecimal marginUsd, List<Step> steps, Optional<Limit> boundBy, String skipReason) {
        public Size {
            steps = List.copyOf(steps);
        }

        public boolean skipped() { return skipReason != null; }
    }

    /** The notional a cap leaves for this order. */
    private record Room(Limit limit, BigDecimal usd) {
    }

    /**
     * How this request's quote-currency amounts (a price difference, costs) and USD relate: as they
     * are for every class but FOREX (quotes in USD or a USD stablecoin); for FOREX by the pair at
     * {@code rate}. Both directions are one exact multiplication or one division.
     */
    private record Conversion(ForexPair pair, BigDecimal rate) {
        static final Conversion NONE = new Conversion(null, null);

        BigDecimal toUsd(BigDecimal quote) { return pair == null ? quote : pair.quoteToUsd(quote, rate); }

        BigDecimal fromUsd(BigDecimal usd) { return pair == null ? usd : pair.usdToQuote(usd, rate); }
    }

    /** Rounds toward zero so every derived quantity is at most its exact value: limits stay limits. */
    private static final MathContext DOWN = new MathContext(34, RoundingMode.DOWN);
    private static final BigDecimal BPS = BigDecimal.valueOf(10_000);

    private final Params p;

    public Sizer(Params params) { this.p = Objects.requireNonNull(params); }

    public Size size(Request r) {
        String bad = badInput(r);
        if (bad != null) return refused(r, bad);
        ForexPair pair = null;
        if (r.assetClass() == AssetClass.FOREX) {
            try {
                pair = ForexPair.parse(r.symbol()).requireUsdLeg();
            } catch (IllegalArgumentException e) {
                return refused(r, e.getMessage());
            }
        }
        BigDecimal price = r.price();
        BigDecimal equity = r.equity();
        boolean goodSetup = r.signalScore() >= p.goodSetupScoreMin() && r.kpiRailsPass();
        BigDecimal leverage = leverage(r.assetClass(), r.mode(), equity);
        // The sizing distance is never tighter than the policy's: a stop placed tighter only lowers the real loss.
        BigDecimal stopDistance = price.subtract(r.stopPrice()).abs()
                .max(p.atrMultSl().multiply(BigDecimal.valueOf(r.atr())))
                .max(p.minStopDistancePct().multiply(price));
        if (pair != null) stopDistance = stopDistance.max(pair.minStopDistance());
        // Fees and slippage per unit on entry (at price) and exit at the stop (at most price + distance).
        BigDecimal costPerUnit = price.add(price).add(stopDistance)
                .multiply(p.feeBps().add(p.slippageBps())).divide(BPS, DOWN);
        BigDecimal lossPerUnit = stopDistance.add(costPerUnit);
        BigDecimal unitUsd = pair == null ? price : pair.usdNotional(BigDecimal.ONE, price);
        Conversion usd = Conversion.NONE;
        if (pair != null) {
            // The ledger books a forex loss in USD at the exit's price. A long's exit at its stop is below
            // the entry, where each unit of a USD-based pair's quote (JPY for USD_JPY) is worth more USD:
            // converting there (slipped) keeps the loss at the stop within the budget. A short's stop is
            // above the entry, so the entry price is the conservative rate. (Moot for a USD quote.)
            BigDecimal rate = r.side() == Side.SELL ? price
                    : price.subtract(stopDistance).multiply(BigDecimal.ONE.subtract(p.slippageBps().divide(BPS)));
            if (rate.signum() <= 0) {
                return refused(r, "the stop distance " + stopDistance.toPlainString() + " leaves no positive exit price below "
                        + price.toPlainString());
            }
            usd = new Conversion(pair, rate);
        }

        // Margined classes' caps (PERP, FOREX) bound margin: a fraction f of equity as margin allows
        // f × equity × leverage of notional. (As notional caps they would keep FOREX below 0.1× leverage.)
        BigDecimal capBase = r.assetClass().margined() ? equity.multiply(leverage) : equity;
        BigDecimal held = r.symbolExposureUsd();
        BigDecimal setupCap = goodSetup ? p.pairCapFraction() : p.normalCapFraction();

        List<Step> steps = new ArrayList<>();
        boolean fixed = equity.compareTo(p.equityThresholdUsd()) < 0;
        Phase phase = fixed ? Phase.FIXED : Phase.RISK_PCT;
        BigDecimal riskBudget = BigDecimal.ZERO;
        BigDecimal notional;
        if (fixed) {
            notional = p.fixedTradeUsd();
            steps.add(new Step(Limit.FIXED, notional, notional, notional));
        } else {
            riskBudget = equity.multiply(goodSetup ? p.maxRiskPctGoodSetup() : p.maxRiskPct());
            // The budget in the quote currency over the loss per unit in it: one exact conversion, one division.
            notional = usd.fromUsd(riskBudget).divide(lossPerUnit, DOWN).multiply(unitUsd);
            steps.add(new Step(Limit.RISK, notional, notional, notional));
        }
        List<Room> rooms = List.of(
                new Room(Limit.PAIR_CAP, capBase.multiply(setupCap).subtract(held)),
                new Room(Limit.MAX_PAIR_PCT, capBase.multiply(r.maxPairFraction()).subtract(held)),
                new Room(Limit.LEVERAGE, equity.multiply(leverage).subtract(held)));
        for (Room c : rooms) {
            Limit limit = c.limit();
            BigDecimal room = c.usd();
            if (room.signum() <= 0) {
                steps.add(new Step(limit, room, notional, BigDecimal.ZERO));
                return skipped(phase, r, goodSetup, leverage, riskBudget, stopDistance, steps, limit + ": "
                        + r.assetClass() + " already holds $" + usd(held) + " in this symbol, the cap allows $"
                        + usd(room.add(held)));
            }
            // The fixed phase never trades less than its fixed size: a cap below it skips instead.
            if (fixed && room.compareTo(notional) < 0) {
                steps.add(new Step(limit, room, notional, BigDecimal.ZERO));
                return skipped(phase, r, goodSetup, leverage, riskBudget, stopDistance, steps, limit + ": fixed $"
                        + usd(notional) + " exceeds the room of $" + usd(room));
            }
            BigDecimal after = notional.min(room);
            steps.add(new Step(limit, room, notional, after));
            notional = after;
        }
        // A multiplier above 1 cannot lift anything: every limit above is a ceiling (see docs/risk.md).
        if (!fixed && r.sessionSizeMult().compareTo(BigDecimal.ONE) < 0) {
            BigDecimal after = notional.multiply(r.sessionSizeMult());
            steps.add(new Step(Limit.SESSION, after, notional, after));
            notional = after;
        }

        Filter f = r.filter().orElse(null);
        BigDecimal rawQty = notional.divide(unitUsd, DOWN);
        BigDecimal qty = f != null && f.qtyStep().signum() > 0
                ? rawQty.divide(f.qtyStep(), 0, RoundingMode.DOWN).multiply(f.qtyStep())
                : rawQty.setScale(p.qtyScale(), RoundingMode.DOWN);
        // Forex trades whole units, whatever step a filter (or the replay default) gives.
        if (pair != null) qty = qty.setScale(0, RoundingMode.DOWN);
        BigDecimal sizeUsd = qty.multiply(unitUsd);
        steps.add(new Step(Limit.QTY_STEP, sizeUsd, notional, sizeUsd));
        if (qty.signum() <= 0) {
            return skipped(phase, r, goodSetup, leverage, riskBudget, stopDistance, steps, "QTY_STEP: $" + usd(notional)
                    + " is less than one quantity step at $" + unitUsd.toPlainString());
        }
        if (f != null) {
            String tooSmall = qty.compareTo(f.minOrderQty()) < 0
                    ? "quantity " + qty.toPlainString() + " is below the instrument's minimum " + f.minOrderQty().toPlainString()
                    : sizeUsd.compareTo(f.minNotional()) < 0
                    ? "$" + usd(sizeUsd) + " is below the instrument's minimum order value $" + f.minNotional().toPlainString()
                    : null;
            if (tooSmall != null) {
                BigDecimal minUsd = f.minNotional().max(f.minOrderQty().multiply(unitUsd));
                steps.add(new Step(Limit.MIN_ORDER, minUsd, sizeUsd, BigDecimal.ZERO));
                return skipped(phase, r, goodSetup, leverage, riskBudget, stopDistance, steps, "MIN_ORDER: " + tooSmall);
            }
        }
        return new Size(phase, qty, sizeUsd, usd.toUsd(qty.multiply(lossPerUnit)), leverage, goodSetup, equity, riskBudget,
                stopDistance, sizeUsd.divide(leverage, DOWN), steps, lastBound(steps), null);
    }

    /** The tier's leverage for this equity and mode (1 for OPTIONS), clamped by the asset class cap. */
    BigDecimal leverage(AssetClass assetClass, Mode mode, BigDecimal equity) {
        return tierLeverage(mode, equity).min(assetCap(assetClass));
    }

    /** The leverage tier's value for this equity and mode (the last tier above the table; 1 for OPTIONS). */
    public BigDecimal tierLeverage(Mode mode, BigDecimal equity) {
        if (mode == Mode.OPTIONS) return BigDecimal.ONE;
        Tier tier = p.tiers().get(p.tiers().size() - 1);
        for (Tier t : p.tiers()) {
            if (equity.compareTo(t.equityMax()) <= 0) {
                tier = t;
                break;
            }
        }
        return tier.leverageByMode().getOrDefault(mode, BigDecimal.ONE);
    }

    /** The asset class's leverage cap ({@code asset_caps.X.max_leverage}). */
    public BigDecimal assetCap(AssetClass assetClass) {
        return p.assetLeverageCaps().getOrDefault(assetClass, BigDecimal.ONE);
    }

    /** Why the request cannot be sized, or null. Bad input is refused before any arithmetic. */
    private static String badInput(Request r) {
        if (r.price() == null || r.price().signum() <= 0) return "price must be > 0, got " + plain(r.price());
        if (r.equity() == null || r.equity().signum() <= 0) return "sub-ledger equity must be > 0, got " + plain(r.equity());
        if (!Double.isFinite(r.atr()) || r.atr() <= 0) return "ATR must be a number > 0, got " + r.atr();
        if (r.stopPrice() == null || r.stopPrice().signum() <= 0) return "stop must be > 0, got " + plain(r.stopPrice());
        int stopSide = r.stopPrice().compareTo(r.price());
        if (r.side() == Side.BUY ? stopSide >= 0 : stopSide <= 0) {
            return "stop " + r.stopPrice().toPlainString() + " is not " + (r.side() == Side.BUY ? "below" : "above")
                    + " the entry price " + r.price().toPlainString() + " of a " + r.side();
        }
        if (Double.isNaN(r.signalScore())) return "signal score is NaN";
        if (r.sessionSizeMult() == null || r.sessionSizeMult().signum() <= 0) {
            return "session size multiplier must be > 0, got " + plain(r.sessionSizeMult());
        }
        if (r.maxPairFraction() == null || r.maxPairFraction().signum() <= 0 || r.maxPairFraction().compareTo(BigDecimal.ONE) > 0) {
            return "Max Pair % must be in (0, 100], got " + plain(r.maxPairFraction()) + " as a fraction";
        }
        if (r.symbolExposureUsd() == null || r.symbolExposureUsd().signum() < 0) {
            return "symbol exposure must be >= 0, got " + plain(r.symbolExposureUsd());
        }
        return null;
    }

    /** The limit that set the size: the starting one (RISK or FIXED) unless a later one cut it. */
    private static Optional<Limit> lastBound(List<Step> steps) {
        Limit last = steps.get(0).limit();
        // Rounding to the quantity step trims dust on nearly every order; it is not a cap that binds.
        for (Step s : steps) if (s.bound() && s.limit() != Limit.QTY_STEP) last = s.limit();
        return Optional.of(last);
    }

    private static Size skipped(Phase phase, Request r, boolean goodSetup, BigDecimal leverage, BigDecimal riskBudget,
                                BigDecimal stopDistance, List<Step> steps, String reason) {
        return new Size(phase, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, leverage, goodSetup, r.equity(),
                riskBudget, stopDistance, BigDecimal.ZERO, steps, lastBound(steps), reason);
    }

    private static Size refused(Request r, String reason) {
        BigDecimal equity = r.equity() == null ? BigDecimal.ZERO : r.equity();
        return new Size(Phase.REFUSED, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ONE, false, equity,
                BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, List.of(), Optional.empty(), reason);
    }

    private static String usd(BigDecimal v) { return v.setScale(2, RoundingMode.DOWN).toPlainString(); }

    private static String plain(BigDecimal v) { return v == null ? "null" : v.toPlainString(); }
}
