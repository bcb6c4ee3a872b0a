package dev.meridian.regime;

import dev.meridian.core.Bar;
import dev.meridian.core.Regime;
import dev.meridian.indicators.TrendGauge;

/**
 * Classifies one symbol's bars of one timeframe into a {@link Regime} ("market weather").
 * Measures: ATR as a fraction of price (VOLATILE above {@code atrPctVolatile}) and the spread of a
 * fast over a slow EMA in ATR units (TREND_UP / TREND_DOWN beyond {@code trendStrengthMin}, else
 * RANGE). A new regime replaces the current one only after it was the raw reading for
 * {@code hysteresisBars} consecutive bars, so the label does not flap bar to bar. Deterministic;
 * reads only bars up to the current one. Not thread-safe: one instance per symbol and timeframe.
 */
public final class RegimeDetector {
    /** Thresholds, from {@code policies/regime_policy.json}. */
    public record Params(int emaFast, int emaSlow, int atrPeriod, double trendStrengthMin, double atrPctVolatile,
                         int hysteresisBars) {
        public Params {
            if (emaFast < 1 || emaSlow <= emaFast) throw new IllegalArgumentException("need 1 <= ema_fast < ema_slow");
            if (hysteresisBars < 1) throw new IllegalArgumentException("hysteresis_bars must be >= 1");
        }
    }

    /** The detector's reading after a bar. {@code changed} is true on the bar the label switched. */
    public record Reading(Regime regime, double confidence, boolean warm, boolean changed) {
    }

    private final Params params;
    private final TrendGauge gauge;
    private Regime current = Regime.RANGE;
    private Regime candidate;
    private int candidateBars;

    public RegimeDetector(Params params) {
        this.params = params;
        this.gauge = new TrendGauge(params.emaFast(), params.emaSlow(), params.atrPeriod());
    }

    /** Bars needed before a reading is trusted. */
    public int warmupBars() { return gauge.warmupBars(); }

    public Reading update(Bar bar) {
        double close = bar.closeD();
        gauge.update(bar.highD(), bar.lowD(), close);
        if (!gauge.ready()) {
            return new Reading(current, 0.0, false, false);
        }
        double atrPct = gauge.atrFraction(close);
        double strength = gauge.spreadInAtr();
        Regime raw;
        double confidence;
        if (atrPct >= params.atrPctVolatile()) {
            raw = Regime.VOLATILE;
            confidence = clamp01(atrPct / (2 * params.atrPctVolatile()));
        } else if (strength >= params.trendStrengthMin()) {
            raw = Regime.TREND_UP;
            confidence = clamp01(strength / (2 * params.trendStrengthMin()));
        } else if (strength <= -params.trendStrengthMin()) {
            raw = Regime.TREND_DOWN;
            confidence = clamp01(-strength / (2 * params.trendStrengthMin()));
        } else {
            raw = Regime.RANGE;
            confidence = clamp01(1 - Math.abs(strength) / params.trendStrengthMin());
        }
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
            if (candidateBars >= params.hysteresisBars()) {
                current = raw;
                candidate = null;
                candidateBars = 0;
                changed = true;
            }
        }
        return new Reading(current, current == raw ? confidence : 0.5 * confidence, true, changed);
    }

    private static double clamp01(double x) { return Math.max(0, Math.min(1, x)); }
}
