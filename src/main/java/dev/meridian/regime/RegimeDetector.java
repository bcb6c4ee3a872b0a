package dev.meridian.regime;

import dev.meridian.core.Bar;
import dev.meridian.core.Regime;
import dev.meridian.indicators.Adx;
import dev.meridian.indicators.Atr;
import dev.meridian.indicators.BollingerBands;
import dev.meridian.indicators.EfficiencyRatio;
import dev.meridian.indicators.Ema;
import dev.meridian.indicators.PercentileRank;

/**
 * Classifies one symbol's bars of one timeframe into a {@link Regime} ("market weather") with a
 * confidence in [0, 1]. All thresholds come from {@code policies/regime_policy.json} via {@link Params}.
 *
 * <p><b>Measures</b> at bar i, from bars ≤ i only: ADX with +DI / −DI ({@code adxPeriod}); ATR%
 * = ATR({@code atrPeriod}) / close; Bollinger bandwidth (upper − lower) / middle
 * ({@code bbPeriod}, {@code bbStddev}) and its mid-rank percentile among the last
 * {@code bbWidthLookback} bandwidths (1 = widest of the window); Kaufman's efficiency ratio ER over
 * {@code erPeriod} changes; EMA fast / slow.
 *
 * <p><b>Raw reading</b> per bar, first rule that applies:
 * <ol>
 *   <li>VOLATILE if ATR% ≥ {@code atrPctVolatile}, or if the bands have burst open without
 *       direction: bandwidth ≥ {@code bbWidthVolatilePct} and bandwidth percentile ≥
 *       {@code bbWidthVolatilePercentile} and ER &lt; {@code erTrendMin}. The ER condition is what
 *       keeps a steady trend out: a trend widens the bands too (its closes spread along the slope),
 *       most sharply right after a calm spell, but it travels efficiently; a burst of wide bars
 *       going nowhere does not.</li>
 *   <li>Trending if ADX ≥ {@code adxTrendMin} and ER ≥ {@code erTrendMin}: TREND_UP if +DI &gt; −DI
 *       and EMA fast &gt; EMA slow, TREND_DOWN if +DI &lt; −DI and EMA fast &lt; EMA slow, RANGE if
 *       the two direction signals disagree.</li>
 *   <li>RANGE if ADX ≤ {@code adxRangeMax} or ER &lt; {@code erTrendMin}.</li>
 *   <li>Otherwise ADX lies in the dead band ({@code adxRangeMax}, {@code adxTrendMin}) with ER ≥
 *       {@code erTrendMin}: the previous raw reading stands if it was RANGE, or a trend whose
 *       direction (rule 2's DI and EMA test) still holds; else RANGE.</li>
 * </ol>
 *
 * <p><b>Confidence</b> of a regime from the bar's measures, each term 0.5 at its threshold and 1 at
 * twice it (s(x, t) = clamp(x / 2t, 0, 1)), so a reading that only just crosses a threshold scores
 * about 0.5:
 * <ul>
 *   <li>trend strength T = ½·(s(ADX, adxTrendMin) + s(ER, erTrendMin));</li>
 *   <li>TREND_UP: T × the share of the two direction signals (+DI &gt; −DI, EMA fast &gt; slow) that
 *       point up; TREND_DOWN likewise downward;</li>
 *   <li>RANGE: 1 − T, so range and trend confidence are complementary;</li>
 *   <li>VOLATILE: max(s(ATR%, atrPctVolatile), s(bandwidth, bbWidthVolatilePct)).</li>
 * </ul>
 * {@link Reading#confidence()} is the confidence of the reported (current) regime, so it drops
 * while the market drifts away from it before hysteresis lets the label go.
 *
 * <p><b>Hysteresis</b>: the label starts as RANGE. A new regime replaces it only on a bar where it
 * has been the raw reading for {@code hysteresisBars} consecutive bars and its confidence is ≥
 * {@code minConfidence}; {@link Reading#changed()} is true on that bar only.
 *
 * <p><b>Warm-up and bad data</b>: before {@link #warmupBars()} bars, or on any bar where a measure
 * is NaN or infinite (e.g. a zero price), the reading is not warm: the current label is returned with
 * confidence 0, it never changes, and the run of a pending candidate is broken.
 *
 * <p>Deterministic: the same bars give the same readings. Not thread-safe: one instance per symbol and
 * timeframe.
 */
public final class RegimeDetector {
    /**
     * The thresholds of {@code policies/regime_policy.json}, mirrored field for field (see
     * {@code RegimePolicy} for the meaning and allowed range of each) so the detector does not depend
     * on the config package. Invariants: 1 ≤ emaFast &lt; emaSlow, 0 ≤ adxRangeMax ≤ adxTrendMin ≤ 100,
     * periods ≥ 1 (≥ 2 for bbPeriod and bbWidthLookback), fractions in [0, 1], hysteresisBars ≥ 1.
     */
    public record Params(int emaFast, int emaSlow, int adxPeriod, double adxTrendMin, double adxRangeMax,
                         int atrPeriod, double atrPctVolatile, int bbPeriod, double bbStddev, double bbWidthVolatilePct,
                         int bbWidthLookback, double bbWidthVolatilePercentile, int erPeriod, double erTrendMin,
                         int hysteresisBars, double minConfidence) {
        public Params {
            if (emaFast < 1 || emaSlow <= emaFast) throw new IllegalArgumentException("need 1 <= ema_fast < ema_slow");
            if (adxPeriod < 1 || atrPeriod < 1 || erPeriod < 1) throw new IllegalArgumentException("periods must be >= 1");
            if (bbPeriod < 2 || bbWidthLookback < 2) throw new IllegalArgumentException("bb_period and bb_width_lookback must be >= 2");
            if (!(0 <= adxRangeMax && adxRangeMax <= adxTrendMin && adxTrendMin <= 100)) {
                throw new IllegalArgumentException("need 0 <= adx_range_max <= adx_trend_min <= 100");
            }
            if (!(atrPctVolatile > 0) || !(bbWidthVolatilePct > 0) || !(bbStddev > 0)) {
                throw new IllegalArgumentException("atr_pct_volatile, bb_width_volatile_pct and bb_stddev must be > 0");
            }
            for (double f : new double[] {bbWidthVolatilePercentile, erTrendMin, minConfidence}) {
                if (!(0 <= f && f <= 1)) throw new IllegalArgumentException("fractions must lie in [0, 1], got " + f);
            }
            if (hysteresisBars < 1) throw new IllegalArgumentException("hysteresis_bars must be >= 1");
        }

        /**
         * These parameters for bars of {@code timeframeSec} when the volatility thresholds and the
         * hysteresis are stated for bars of {@code referenceSec}. The two volatility fractions scale
         * by √(timeframe / reference), because under a random walk a bar's range grows with the
         * square root of its length; without it one policy would call every hourly bar VOLATILE and
         * no minute bar ever. The hysteresis keeps its duration: 6 five-minute bars become 30
         * one-minute bars or 2 fifteen-minute bars (at least 1), so a minute chart does not flip
         * five times as often as a five-minute one.
         */
        public Params forTimeframe(int timeframeSec, int referenceSec) {
            double f = Math.sqrt((double) timeframeSec / referenceSec);
            int hysteresis = (int) Math.max(1, Math.round((double) hysteresisBars * referenceSec / timeframeSec));
            return new Params(emaFast, emaSlow, adxPeriod, adxTrendMin, adxRangeMax, atrPeriod, atrPctVolatile * f, bbPeriod,
                    bbStddev, bbWidthVolatilePct * f, bbWidthLookback, bbWidthVolatilePercentile, erPeriod, erTrendMin,
                    hysteresis, minConfidence);
        }
    }

    /**
     * The measures behind a reading, as of the bar just read. A measure still in its warm-up is NaN.
     * adx, plusDi and minusDi are in [0, 100]; atrPct and bbWidth are fractions of price;
     * bbWidthPercentile and er are in [0, 1]; emaFast and emaSlow are prices.
     */
    public record Measures(double adx, double plusDi, double minusDi, double atrPct, double bbWidth,
                           double bbWidthPercentile, double er, double emaFast, double emaSlow) {
        /** True when every measure is a finite number, i.e. the bar can be classified. */
        public boolean finite() {
            return Double.isFinite(adx) && Double.isFinite(plusDi) && Double.isFinite(minusDi) && Double.isFinite(atrPct)
                    && Double.isFinite(bbWidth) && Double.isFinite(bbWidthPercentile) && Double.isFinite(er)
                    && Double.isFinite(emaFast) && Double.isFinite(emaSlow);
        }
    }

    /**
     * The detector's reading after a bar. {@code regime} is the current (hysteresis-filtered) label and
     * {@code confidence} its confidence in [0, 1] from this bar's measures; {@code warm} is false during
     * the warm-up and on bars with non-finite measures (then confidence is 0 and {@code raw} is null);
     * {@code changed} is true only on the bar the label switched; {@code raw} is this bar's
     * unfiltered classification; {@code measures} is never null.
     */
    public record Reading(Regime regime, double confidence, boolean warm, boolean changed, Regime raw,
                          Measures measures) {
    }

    private final Params params;
    private final Ema fast;
    private final Ema slow;
    private final Atr atr;
    private final Adx adx;
    private final BollingerBands bands;
    private final PercentileRank widthRank;
    private final EfficiencyRatio er;
    private final int warmupBars;
    private int bars;
    private Regime current = Regime.RANGE;
    private Regime previousRaw;
    private Regime candidate;
    private int candidateBars;

    public RegimeDetector(Params params) {
        this.params = params;
        this.fast = new Ema(params.emaFast());
        this.slow = new Ema(params.emaSlow());
        this.atr = new Atr(params.atrPeriod());
        this.adx = new Adx(params.adxPeriod());
        this.bands = new BollingerBands(params.bbPeriod(), params.bbStddev());
        this.widthRank = new PercentileRank(params.bbWidthLookback());
        this.er = new EfficiencyRatio(params.erPeriod());
        int widthWarmup = params.bbPeriod() + params.bbWidthLookback() - 1;
        this.warmupBars = Math.max(Math.max(params.emaSlow(), params.atrPeriod()),
                Math.max(Math.max(adx.warmupBars(), er.warmupBars()), widthWarmup));
    }

    /** Bars needed before a reading is trusted: the longest warm-up of the measures. */
    public int warmupBars() { return warmupBars; }

    public Reading update(Bar bar) {
        double high = bar.highD();
        double low = bar.lowD();
        double close = bar.closeD();
        fast.update(close);
        slow.update(close);
        atr.update(high, low, close);
        adx.update(high, low, close);
        bands.update(close);
        er.update(close);
        double width = bands.bandwidth();
        // A non-finite width (zero-priced window) would poison every later rank, so it is left out.
        if (Double.isFinite(width)) widthRank.update(width);
        bars++;

        Measures m = new Measures(adx.value(), adx.plusDi(), adx.minusDi(),
                atr.ready() ? atr.value() / close : Double.NaN, width, widthRank.value(), er.value(),
                fast.ready() ? fast.value() : Double.NaN, slow.ready() ? slow.value() : Double.NaN);
        if (bars < warmupBars || !m.finite()) {
            candidate = null;
            candidateBars = 0;
            return new Reading(current, 0.0, false, false, null, m);
        }

        Regime raw = classify(m);
        previousRaw = raw;
        boolean changed = false;
        if (raw == current) {
            candidate = null;
            candidateBars = 0;
        } else {
            if (raw == candidate) {
                candidateBars++;
            } else {
                candidate = raw;
                candidateBars = 1;
            }
            if (candidateBars >= params.hysteresisBars() && confidence(raw, m) >= params.minConfidence()) {
                current = raw;
                candidate = null;
                candidateBars = 0;
                changed = true;
            }
        }
        return new Reading(current, confidence(current, m), true, changed, raw, m);
    }

    private Regime classify(Measures m) {
        Params p = params;
        boolean directionless = m.er() < p.erTrendMin();
        boolean bandsBurst = m.bbWidth() >= p.bbWidthVolatilePct() && m.bbWidthPercentile() >= p.bbWidthVolatilePercentile();
        if (m.atrPct() >= p.atrPctVolatile() || (bandsBurst && directionless)) return Regime.VOLATILE;
        if (m.adx() >= p.adxTrendMin() && !directionless) {
            if (up(m) == 2) return Regime.TREND_UP;
            if (down(m) == 2) return Regime.TREND_DOWN;
            return Regime.RANGE;
        }
        if (m.adx() <= p.adxRangeMax() || directionless) return Regime.RANGE;
        if (previousRaw == Regime.TREND_UP && up(m) == 2) return Regime.TREND_UP;
        if (previousRaw == Regime.TREND_DOWN && down(m) == 2) return Regime.TREND_DOWN;
        return Regime.RANGE;
    }

    /** Confidence in {@code regime} from the measures; see the class comment. */
    private double confidence(Regime regime, Measures m) {
        double trend = 0.5 * (score(m.adx(), params.adxTrendMin()) + score(m.er(), params.erTrendMin()));
        return switch (regime) {
            case TREND_UP -> trend * up(m) / 2.0;
            case TREND_DOWN -> trend * down(m) / 2.0;
            case RANGE -> 1 - trend;
            case VOLATILE -> Math.max(score(m.atrPct(), params.atrPctVolatile()), score(m.bbWidth(), params.bbWidthVolatilePct()));
        };
    }

    /** How many of the two direction signals point up (0..2). */
    private static int up(Measures m) { return (m.plusDi() > m.minusDi() ? 1 : 0) + (m.emaFast() > m.emaSlow() ? 1 : 0); }

    private static int down(Measures m) { return (m.plusDi() < m.minusDi() ? 1 : 0) + (m.emaFast() < m.emaSlow() ? 1 : 0); }

    /** 0.5 at the threshold, 1 at twice it; a zero threshold is met by anything, fully. */
    private static double score(double x, double threshold) {
        if (threshold <= 0) return 1;
        return Math.max(0, Math.min(1, x / (2 * threshold)));
    }
}
