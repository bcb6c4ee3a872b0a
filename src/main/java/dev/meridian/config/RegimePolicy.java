package dev.meridian.config;

/**
 * policies/regime_policy.json: indicator lengths and thresholds of the regime detector; the rules
 * that apply them are listed on {@code dev.meridian.regime.RegimeDetector} and in docs/config.md.
 * Thresholds are doubles because they are compared with indicator values, which are doubles on the
 * hot path; fractions are per bar of the timeframe the detector reads.
 *
 * @param emaFast           fast EMA length (bars) of the trend direction, in 2..1000 and < emaSlow
 * @param emaSlow           slow EMA length (bars), in 2..1000
 * @param adxPeriod         ADX length (bars), in 2..1000
 * @param adxTrendMin       ADX at or above which the market trends, in [0, 100]
 * @param adxRangeMax       ADX at or below which the market ranges, in [0, 100] and <= adxTrendMin;
 *                          between the two the previous regime stands
 * @param atrPeriod         ATR length (bars), in 2..1000
 * @param atrPctVolatile    ATR / close at or above which the market is VOLATILE, in (0, 1)
 * @param bbPeriod          Bollinger band length (bars), in 2..1000
 * @param bbStddev          Bollinger band width in standard deviations, in (0, 10]
 * @param bbWidthVolatilePct least (upper − lower) / middle band for a band expansion to count as VOLATILE, in (0, 5)
 * @param bbWidthLookback   bars over which the current bandwidth is ranked, in 10..10000
 * @param bbWidthVolatilePercentile least percentile rank (0..1) of the current bandwidth among the last
 *                          {@code bbWidthLookback} for a band expansion to count as VOLATILE
 * @param erPeriod          Kaufman efficiency ratio length (price changes), in 2..1000
 * @param erTrendMin        least efficiency ratio (0..1) for the market to trend; below it, it ranges
 * @param hysteresisBars    consecutive bars a new regime must hold before it replaces the current one, in 1..1000
 * @param minConfidence     least confidence (0..1) for the detector to announce a regime change
 * @param referenceTimeframeSec the bar length, in seconds (60..86400), that {@code atr_pct_volatile} and
 *                          {@code bb_width_volatile_pct} and {@code hysteresis_bars} are stated for;
 *                          detectors on other timeframes scale the fractions by √(timeframe / this),
 *                          as volatility grows with √time, and keep the hysteresis's duration
 */
public record RegimePolicy(int emaFast, int emaSlow, int adxPeriod, double adxTrendMin, double adxRangeMax,
                           int atrPeriod, double atrPctVolatile, int bbPeriod, double bbStddev,
                           double bbWidthVolatilePct, int bbWidthLookback, double bbWidthVolatilePercentile,
                           int erPeriod, double erTrendMin, int hysteresisBars, double minConfidence,
                           int referenceTimeframeSec) {
    static final Range PERIOD = Range.ints(2, 1000);
    static final Range ADX = Range.closed("0", "100");
    static final Range ATR_PCT = Range.open("0", "1");
    static final Range BB_STDDEV = Range.openClosed("0", "10");
    static final Range BB_WIDTH = Range.open("0", "5");
    static final Range LOOKBACK = Range.ints(10, 10000);
    static final Range FRACTION = Range.closed("0", "1");
    static final Range HYSTERESIS = Range.ints(1, 1000);
    static final Range REFERENCE_TIMEFRAME = Range.ints(60, 86400);
    static final Range CONFIDENCE = Range.closed("0", "1");

    public RegimePolicy {
        PERIOD.check("ema_fast", emaFast);
        PERIOD.check("ema_slow", emaSlow);
        PERIOD.check("adx_period", adxPeriod);
        ADX.check("adx_trend_min", adxTrendMin);
        ADX.check("adx_range_max", adxRangeMax);
        PERIOD.check("atr_period", atrPeriod);
        ATR_PCT.check("atr_pct_volatile", atrPctVolatile);
        PERIOD.check("bb_period", bbPeriod);
        BB_STDDEV.check("bb_stddev", bbStddev);
        BB_WIDTH.check("bb_width_volatile_pct", bbWidthVolatilePct);
        LOOKBACK.check("bb_width_lookback", bbWidthLookback);
        FRACTION.check("bb_width_volatile_percentile", bbWidthVolatilePercentile);
        PERIOD.check("er_period", erPeriod);
        FRACTION.check("er_trend_min", erTrendMin);
        HYSTERESIS.check("hysteresis_bars", hysteresisBars);
        CONFIDENCE.check("min_confidence", minConfidence);
        REFERENCE_TIMEFRAME.check("reference_timeframe_sec", referenceTimeframeSec);
        if (emaFast >= emaSlow) {
            throw new IllegalArgumentException("ema_fast must be < ema_slow (" + emaSlow + "), got " + emaFast);
        }
        if (adxRangeMax > adxTrendMin) {
            throw new IllegalArgumentException("adx_range_max must be <= adx_trend_min (" + adxTrendMin + "), got " + adxRangeMax);
        }
    }
}
