package dev.meridian.risk;

import dev.meridian.core.AssetClass;
import dev.meridian.core.Side;
import dev.meridian.risk.RailsSnapshot.LedgerState;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The risk rails checked before every ENTRY; exits are never passed through here, so closing risk
 * is never blocked. Plain Java, deterministic, driven only by event time, with exact
 * {@link BigDecimal} comparisons (limits are compared by cross-multiplication, never after a
 * rounded division).
 *
 * <p>Rails, each refusal a {@link RailCheck} with a {@link RailReason}:
 * <ul>
 *   <li>{@link RailReason#MAX_DRAWDOWN}: per sub-ledger, {@code (peak − equity) / peak ≥ limit} of its
 *       asset class halts new entries. Conservative reading: the halt <b>stays</b> when equity
 *       recovers; only {@link #resume(AssetClass)} (the owner) lifts it, and it re-bases the peak
 *       to the last observed equity, so the next halt needs a fresh drawdown of the full limit.</li>
 *   <li>{@link RailReason#DAILY_LOSS}: per sub-ledger and calendar UTC day of event time,
 *       {@code (startOfDay − equity) / startOfDay ≥ daily_loss_pct} halts new entries until 00:00
 *       UTC of the next day (event time). Start-of-day equity is the last equity of the previous
 *       day when one was observed (the best estimate of the equity at 00:00), else the day's first
 *       observation. Not lifted by {@link #resume}.</li>
 *   <li>{@link RailReason#LEVERAGE}: leverage {@code > min(tier, asset cap)}.</li>
 *   <li>{@link RailReason#LIQ_BUFFER} (PERP only): see {@link #estimatedLiquidationPrice} and
 *       {@link #checkLiquidationBuffer}.</li>
 *   <li>{@link RailReason#MAX_POSITIONS} and {@link RailReason#ONE_PER_SYMBOL}: see {@link #checkPositions}.</li>
 * </ul>
 *
 * <p>Invariants: a sub-ledger's peak never falls except on {@code resume}; the daily clock never
 * runs backwards (a late observation counts in the current day); every refusal returned by a
 * public check is counted once in {@link #refusalsByReason()}. Sub-ledgers with a non-positive
 * peak or start-of-day equity have nothing to lose and are never halted by those rails.
 *
 * <p>Not thread-safe: one instance belongs to one verticle (or one backtest run).
 */
public final class RiskRails {
    /** Scale of the ratios quoted in messages only; decisions never use them. */
    private static final int MESSAGE_SCALE = 6;
    /** Scale of 1/leverage in the liquidation estimate (rounded down: see {@link #estimatedLiquidationPrice}). */
    private static final int LIQ_SCALE = 18;
    private static final long DAY_MS = 86_400_000L;

    private final Map<AssetClass, BigDecimal> maxDrawdown;
    private final BigDecimal dailyLossPct;
    private final BigDecimal maintenanceMarginPct;
    private final BigDecimal perpLiqBufferPct;
    private final int maxOpenPositions;
    private final Map<AssetClass, Ledger> ledgers = new EnumMap<>(AssetClass.class);
    private final Map<RailReason, Long> refusals = new EnumMap<>(RailReason.class);

    /**
     * @param maxDrawdownByClass   drawdown limit per asset class, a fraction in (0, 1]:
     *                             {@code asset_kpi_policy.json asset_classes.X.max_drawdown}
     *                             ({@code AssetKpiPolicy.of(X)}'s KPI thresholds); every class required
     * @param dailyLossPct         {@code risk_policy.json daily_loss_pct} ({@code RiskPolicy.dailyLossPct}), in (0, 1)
     * @param maintenanceMarginPct {@code risk_policy.json maintenance_margin_pct}
     *                             ({@code RiskPolicy.maintenanceMarginPct}), in [0, 0.5)
     * @param perpLiqBufferPct     {@code sizing_policy.json asset_caps.PERP.liq_buffer_pct}
     *                             ({@code AssetCap.liqBufferPct} of PERP), in (0, 1)
     * @param maxOpenPositions     {@code risk_policy.json max_open_positions} ({@code RiskPolicy.maxOpenPositions}), ≥ 1
     */
    public RiskRails(Map<AssetClass, BigDecimal> maxDrawdownByClass, BigDecimal dailyLossPct,
                     BigDecimal maintenanceMarginPct, BigDecimal perpLiqBufferPct, int maxOpenPositions) {
        EnumMap<AssetClass, BigDecimal> dd = new EnumMap<>(AssetClass.class);
        for (AssetClass c : AssetClass.values()) {
            BigDecimal v = Objects.requireNonNull(maxDrawdownByClass.get(c), "max drawdown for " + c);
            requireFraction("max_drawdown of " + c, v, true);
            dd.put(c, v);
        }
        this.maxDrawdown = dd;
        this.dailyLossPct = requireFraction("daily_loss_pct", dailyLossPct, false);
        if (maintenanceMarginPct.signum() < 0 || maintenanceMarginPct.compareTo(new BigDecimal("0.5")) >= 0) {
            throw new IllegalArgumentException("maintenance_margin_pct must be in [0, 0.5), got "
                    + maintenanceMarginPct.toPlainString());
        }
        this.maintenanceMarginPct = maintenanceMarginPct;
        this.perpLiqBufferPct = requireFraction("liq_buffer_pct", perpLiqBufferPct, false);
        if (maxOpenPositions < 1) throw new IllegalArgumentException("max_open_positions must be >= 1, got " + maxOpenPositions);
        this.maxOpenPositions = maxOpenPositions;
    }

    /**
     * Everything the rails need to judge one entry.
     *
     * @param openPositions    open positions across the whole portfolio (risk_policy's
     *                         {@code max_open_positions} counts all sub-ledgers)
     * @param symbolHeld       the sub-ledger already holds a position (or an open entry order) in the symbol
     * @param tierLeverage     the leverage tier's value for this equity and mode
     * @param assetCapLeverage {@code asset_caps.X.max_leverage}
     * @param exchangeLiqPrice the exchange's own liquidation price when it reports one (#9), else empty
     */
    public record Entry(AssetClass assetClass, String symbol, Side side, BigDecimal entryPrice, BigDecimal stopPrice,
                        BigDecimal leverage, BigDecimal tierLeverage, BigDecimal assetCapLeverage, int openPositions,
                        boolean symbolHeld, Optional<BigDecimal> exchangeLiqPrice, long eventTimeMs) {
        public Entry {
            Objects.requireNonNull(assetClass, "assetClass");
            Objects.requireNonNull(symbol, "symbol");
            Objects.requireNonNull(side, "side");
            Objects.requireNonNull(entryPrice, "entryPrice");
            Objects.requireNonNull(stopPrice, "stopPrice");
            Objects.requireNonNull(leverage, "leverage");
            Objects.requireNonNull(tierLeverage, "tierLeverage");
            Objects.requireNonNull(assetCapLeverage, "assetCapLeverage");
            Objects.requireNonNull(exchangeLiqPrice, "exchangeLiqPrice");
        }
    }

    /**
     * All rails for one entry, in the order halts, positions, leverage, liquidation buffer (PERP
     * only); the first refusal wins and is the only one counted.
     */
    public RailCheck checkEntry(Entry e) {
        RailCheck c = halts(e.assetClass(), e.eventTimeMs());
        if (c.ok()) c = positions(e.symbol(), e.openPositions(), e.symbolHeld());
        if (c.ok()) c = leverage(e.leverage(), e.tierLeverage(), e.assetCapLeverage());
        if (c.ok() && e.assetClass() == AssetClass.PERP) {
            c = liqBuffer(e.side(), e.entryPrice(), e.stopPrice(), e.leverage(), e.exchangeLiqPrice());
        }
        return count(c);
    }

    /**
     * Records a sub-ledger equity at an event time: raises the peak, rolls the UTC day, and sets
     * the drawdown and daily-loss halts when their limits are reached (at or beyond the limit).
     */
    public void observe(AssetClass assetClass, BigDecimal equity, long eventTimeMs) {
        Objects.requireNonNull(assetClass, "assetClass");
        Objects.requireNonNull(equity, "equity");
        Ledger l = ledgers.get(assetClass);
        if (l == null) {
            long day = dayStart(eventTimeMs);
            l = new Ledger(equity, equity, eventTimeMs, day, equity, false, 0L);
            ledgers.put(assetClass, l);
        } else {
            // A late observation must not move the daily clock back (it would reopen a closed day).
            long t = Math.max(eventTimeMs, l.lastEventTimeMs);
            long day = dayStart(t);
            if (day > l.dayStartMs) {
                l.startOfDayEquity = l.lastEquity;
                l.dayStartMs = day;
            }
            l.lastEventTimeMs = t;
            l.lastEquity = equity;
            if (equity.compareTo(l.peakEquity) > 0) l.peakEquity = equity;
        }
        if (!l.drawdownHalted && drawdownReached(l.peakEquity, equity, maxDrawdown.get(assetClass))) {
            l.drawdownHalted = true;
        }
        if (drawdownReached(l.startOfDayEquity, equity, dailyLossPct)) {
            l.dailyHaltUntilMs = l.dayStartMs + DAY_MS;
        }
    }

    /**
     * The owner resumes a sub-ledger after a drawdown halt: the halt lifts and the peak re-bases to
     * the last observed equity (else the very next observation would halt again). A daily-loss halt
     * is not lifted: it ends at 00:00 UTC only.
     */
    public void resume(AssetClass assetClass) {
        Ledger l = ledgers.get(assetClass);
        if (l == null) return;
        l.drawdownHalted = false;
        l.peakEquity = l.lastEquity;
    }

    /** The drawdown and daily-loss halts of a sub-ledger at an event time. */
    public RailCheck checkHalts(AssetClass assetClass, long eventTimeMs) {
        return count(halts(assetClass, eventTimeMs));
    }

    /** Whether new entries in the sub-ledger are halted at this event time. */
    public boolean halted(AssetClass assetClass, long eventTimeMs) {
        return !halts(assetClass, eventTimeMs).ok();
    }

    /** Refuses leverage above {@code min(tierLeverage, assetCapLeverage)}; equal passes. */
    public RailCheck checkLeverage(BigDecimal leverage, BigDecimal tierLeverage, BigDecimal assetCapLeverage) {
        return count(leverage(leverage, tierLeverage, assetCapLeverage));
    }

    /**
     * Refuses more than one net position per symbol per sub-ledger, and an entry when the portfolio
     * already holds {@code max_open_positions} positions.
     */
    public RailCheck checkPositions(String symbol, int openPositions, boolean symbolHeld) {
        return count(positions(symbol, openPositions, symbolHeld));
    }

    /**
     * The perp liquidation-buffer rail. The liquidation price used is the estimate of
     * {@link #estimatedLiquidationPrice}, or, when the exchange reports its own, whichever of the
     * two lies nearer the entry (the tighter one: the exchange's number can be stale or assume
     * cross-margin collateral that the sub-ledger cannot count on). Refused when
     * <ul>
     *   <li>the stop is at or beyond the liquidation price (the position would be liquidated
     *       before the stop could act), or</li>
     *   <li>{@code |stop − liq| < liq_buffer_pct × entry}.</li>
     * </ul>
     * The buffer is a fraction of the entry <b>price</b>, not of the entry→liquidation distance:
     * that distance is always below the entry price, so the price-based buffer is the stricter of
     * the two readings (at 3× it allows stops at most ≈12.8% away instead of ≈26%).
     */
    public RailCheck checkLiquidationBuffer(Side side, BigDecimal entryPrice, BigDecimal stopPrice, BigDecimal leverage,
                                            Optional<BigDecimal> exchangeLiqPrice) {
        return count(liqBuffer(side, entryPrice, stopPrice, leverage, exchangeLiqPrice));
    }

    /**
     * The same rule for a position already open at a venue, judged against the liquidation price the
     * venue reports as it changes; not counted as a refusal (nothing was refused: the caller halts
     * new PERP entries while it fails).
     */
    public RailCheck liquidationBufferOfOpen(Side side, BigDecimal entryPrice, BigDecimal stopPrice, BigDecimal leverage,
                                             BigDecimal venueLiqPrice) {
        return liqBuffer(side, entryPrice, stopPrice, leverage, Optional.of(venueLiqPrice));
    }

    /**
     * Isolated-margin liquidation estimate: the position is liquidated when its loss eats the
     * initial margin ({@code 1/leverage} of notional) down to the maintenance margin ({@code mmr}
     * of notional); fees and funding are ignored.
     * <pre>
     *   long  (BUY):  liq = entry × (1 − 1/leverage + mmr)
     *   short (SELL): liq = entry × (1 + 1/leverage − mmr)
     * </pre>
     * {@code 1/leverage} is rounded down at 18 decimals, which moves the estimate towards the entry
     * in both cases (conservative). The result is exact otherwise.
     */
    public static BigDecimal estimatedLiquidationPrice(Side side, BigDecimal entryPrice, BigDecimal leverage,
                                                       BigDecimal mmr) {
        if (entryPrice.signum() <= 0) throw new IllegalArgumentException("entry price must be > 0, got " + entryPrice.toPlainString());
        if (leverage.compareTo(BigDecimal.ONE) < 0) throw new IllegalArgumentException("leverage must be >= 1, got " + leverage.toPlainString());
        BigDecimal inv = BigDecimal.ONE.divide(leverage, LIQ_SCALE, RoundingMode.DOWN);
        BigDecimal factor = side == Side.BUY ? BigDecimal.ONE.subtract(inv).add(mmr) : BigDecimal.ONE.add(inv).subtract(mmr);
        return entryPrice.multiply(factor);
    }

    /** Refusals returned so far, by {@link RailReason} name, in name order; for metrics. */
    public Map<String, Long> refusalsByReason() {
        Map<String, Long> out = new TreeMap<>();
        refusals.forEach((r, n) -> out.put(r.name(), n));
        return out;
    }

    /** The restart-relevant state, immutable. */
    public RailsSnapshot snapshot() {
        Map<AssetClass, LedgerState> out = new EnumMap<>(AssetClass.class);
        ledgers.forEach((c, l) -> out.put(c, new LedgerState(l.peakEquity, l.lastEquity, l.lastEventTimeMs,
                l.dayStartMs, l.startOfDayEquity, l.drawdownHalted, l.dailyHaltUntilMs)));
        return new RailsSnapshot(out);
    }

    /** Replaces all sub-ledger state with a snapshot (refusal counters are left alone). */
    public void restore(RailsSnapshot snapshot) {
        ledgers.clear();
        snapshot.ledgers().forEach((c, s) -> ledgers.put(c, new Ledger(s.peakEquity(), s.lastEquity(),
                s.lastEventTimeMs(), s.dayStartMs(), s.startOfDayEquity(), s.drawdownHalted(), s.dailyHaltUntilMs())));
    }

    private RailCheck halts(AssetClass c, long eventTimeMs) {
        Ledger l = ledgers.get(c);
        if (l == null) return RailCheck.passed();
        if (l.drawdownHalted) {
            return RailCheck.refuse(RailReason.MAX_DRAWDOWN, c + " halted: drawdown " + ratio(l.peakEquity, l.lastEquity)
                    + " from peak " + l.peakEquity.toPlainString() + " to " + l.lastEquity.toPlainString()
                    + " reached the limit " + maxDrawdown.get(c).toPlainString() + "; the owner must resume it");
        }
        if (eventTimeMs < l.dailyHaltUntilMs) {
            return RailCheck.refuse(RailReason.DAILY_LOSS, c + " halted until "
                    + Instant.ofEpochMilli(l.dailyHaltUntilMs) + ": daily loss " + ratio(l.startOfDayEquity, l.lastEquity)
                    + " from start-of-day equity " + l.startOfDayEquity.toPlainString() + " to " + l.lastEquity.toPlainString()
                    + " reached daily_loss_pct " + dailyLossPct.toPlainString());
        }
        return RailCheck.passed();
    }

    private RailCheck positions(String symbol, int openPositions, boolean symbolHeld) {
        if (symbolHeld) {
            return RailCheck.refuse(RailReason.ONE_PER_SYMBOL, "already holding " + symbol + " in this sub-ledger (one net position per symbol)");
        }
        if (openPositions >= maxOpenPositions) {
            return RailCheck.refuse(RailReason.MAX_POSITIONS, openPositions + " open positions, max_open_positions is " + maxOpenPositions);
        }
        return RailCheck.passed();
    }

    private static RailCheck leverage(BigDecimal leverage, BigDecimal tier, BigDecimal cap) {
        BigDecimal limit = tier.min(cap);
        if (leverage.compareTo(limit) > 0) {
            return RailCheck.refuse(RailReason.LEVERAGE, "leverage " + leverage.toPlainString() + " exceeds min(tier "
                    + tier.toPlainString() + ", asset cap " + cap.toPlainString() + ") = " + limit.toPlainString());
        }
        return RailCheck.passed();
    }

    private RailCheck liqBuffer(Side side, BigDecimal entry, BigDecimal stop, BigDecimal leverage,
                                Optional<BigDecimal> exchangeLiq) {
        if (entry.signum() <= 0 || stop.signum() <= 0 || leverage.compareTo(BigDecimal.ONE) < 0) {
            return RailCheck.refuse(RailReason.INVALID_INPUT, "liquidation buffer needs entry > 0, stop > 0, leverage >= 1; got entry "
                    + entry.toPlainString() + ", stop " + stop.toPlainString() + ", leverage " + leverage.toPlainString());
        }
        // s = +1 for a long: "beyond" means lower prices. Distances below are signed towards the loss side.
        int s = side.sign();
        if (entry.subtract(stop).signum() * s <= 0) {
            return RailCheck.refuse(RailReason.INVALID_INPUT, "a " + side + " stop must lie on the loss side of entry "
                    + entry.toPlainString() + ", got " + stop.toPlainString());
        }
        BigDecimal liq = estimatedLiquidationPrice(side, entry, leverage, maintenanceMarginPct);
        String source = "estimated";
        if (exchangeLiq.isPresent() && entry.subtract(exchangeLiq.get()).multiply(BigDecimal.valueOf(s))
                .compareTo(entry.subtract(liq).multiply(BigDecimal.valueOf(s))) < 0) {
            liq = exchangeLiq.get();
            source = "exchange";
        }
        BigDecimal buffer = stop.subtract(liq).multiply(BigDecimal.valueOf(s));
        BigDecimal required = perpLiqBufferPct.multiply(entry);
        if (buffer.signum() <= 0) {
            return RailCheck.refuse(RailReason.LIQ_BUFFER, side + " stop " + stop.toPlainString() + " is at or beyond the "
                    + source + " liquidation price " + liq.toPlainString() + " (entry " + entry.toPlainString()
                    + ", leverage " + leverage.toPlainString() + ")");
        }
        if (buffer.compareTo(required) < 0) {
            return RailCheck.refuse(RailReason.LIQ_BUFFER, "stop " + stop.toPlainString() + " is " + buffer.toPlainString()
                    + " from the " + source + " liquidation price " + liq.toPlainString() + ", less than liq_buffer_pct "
                    + perpLiqBufferPct.toPlainString() + " × entry " + entry.toPlainString() + " = " + required.toPlainString());
        }
        return RailCheck.passed();
    }

    private RailCheck count(RailCheck c) {
        if (!c.ok()) refusals.merge(c.reason(), 1L, Long::sum);
        return c;
    }

    /** {@code (base − equity) / base ≥ limit}, exactly, as {@code base − equity ≥ limit × base}; false when base ≤ 0. */
    private static boolean drawdownReached(BigDecimal base, BigDecimal equity, BigDecimal limit) {
        return base.signum() > 0 && base.subtract(equity).compareTo(limit.multiply(base)) >= 0;
    }

    private static String ratio(BigDecimal base, BigDecimal equity) {
        if (base.signum() <= 0) return "n/a";
        return base.subtract(equity).divide(base, MESSAGE_SCALE, RoundingMode.HALF_EVEN).stripTrailingZeros().toPlainString();
    }

    private static long dayStart(long eventTimeMs) { return Math.floorDiv(eventTimeMs, DAY_MS) * DAY_MS; }

    private static BigDecimal requireFraction(String name, BigDecimal v, boolean oneAllowed) {
        Objects.requireNonNull(v, name);
        boolean ok = v.signum() > 0 && (oneAllowed ? v.compareTo(BigDecimal.ONE) <= 0 : v.compareTo(BigDecimal.ONE) < 0);
        if (!ok) throw new IllegalArgumentException(name + " must be in (0, 1" + (oneAllowed ? "]" : ")") + ", got " + v.toPlainString());
        return v;
    }

    /** Mutable per-sub-ledger state; see {@link LedgerState} for the meaning of each field. */
    private static final class Ledger {
        BigDecimal peakEquity;
        BigDecimal lastEquity;
        long lastEventTimeMs;
        long dayStartMs;
        BigDecimal startOfDayEquity;
        boolean drawdownHalted;
        long dailyHaltUntilMs;

        Ledger(BigDecimal peakEquity, BigDecimal lastEquity, long lastEventTimeMs, long dayStartMs,
               BigDecimal startOfDayEquity, boolean drawdownHalted, long dailyHaltUntilMs) {
            this.peakEquity = peakEquity;
            this.lastEquity = lastEquity;
            this.lastEventTimeMs = lastEventTimeMs;
            this.dayStartMs = dayStartMs;
            this.startOfDayEquity = startOfDayEquity;
            this.drawdownHalted = drawdownHalted;
            this.dailyHaltUntilMs = dailyHaltUntilMs;
        }
    }
}
