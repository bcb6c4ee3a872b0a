package dev.meridian.strategy;

/**
 * What a mode's rules read on a bar: the shared indicators ({@link Features}) or the same seen
 * upside down ({@link #mirrored()}), which turns every long rule into its short twin: a rule that
 * only compares prices and divides price differences by ATR or σ fires on the mirror exactly when
 * the reflected market would fire it for a long.
 */
public interface FeatureView {
    double close();
    double prevClose();
    double emaFast();
    double prevEmaFast();
    double emaSlow();
    double atr();
    double rsi();
    double bbMiddle();
    double bbStdDev();
    double bbLower();
    double bbUpper();
    /** The channel of the bars before this one: a close above its upper edge is a breakout. */
    double prevDonchianUpper();
    double prevDonchianLower();
    double donchianMiddle();
    double adx();
    double plusDi();
    double minusDi();
    double macdHistogram();
    double prevMacdHistogram();
    double vwap();
    double volume();
    double volumeAverage();

    /** (fast EMA − slow EMA) / ATR: trend direction and strength in ATR units. */
    default double emaSpreadAtr() { return (emaFast() - emaSlow()) / atr(); }

    /**
     * The market reflected through zero: prices and price averages negated, upper and lower edges
     * swapped, +DI and −DI swapped, RSI as 100 − RSI, MACD negated; ATR, σ, ADX and volume unchanged.
     */
    default FeatureView mirrored() { return new Mirrored(this); }

    /** {@link FeatureView#mirrored()}; mirroring it again gives the original view back. */
    record Mirrored(FeatureView of) implements FeatureView {
        @Override public double close() { return -of.close(); }
        @Override public double prevClose() { return -of.prevClose(); }
        @Override public double emaFast() { return -of.emaFast(); }
        @Override public double prevEmaFast() { return -of.prevEmaFast(); }
        @Override public double emaSlow() { return -of.emaSlow(); }
        @Override public double atr() { return of.atr(); }
        @Override public double rsi() { return 100 - of.rsi(); }
        @Override public double bbMiddle() { return -of.bbMiddle(); }
        @Override public double bbStdDev() { return of.bbStdDev(); }
        @Override public double bbLower() { return -of.bbUpper(); }
        @Override public double bbUpper() { return -of.bbLower(); }
        @Override public double prevDonchianUpper() { return -of.prevDonchianLower(); }
        @Override public double prevDonchianLower() { return -of.prevDonchianUpper(); }
        @Override public double donchianMiddle() { return -of.donchianMiddle(); }
        @Override public double adx() { return of.adx(); }
        @Override public double plusDi() { return of.minusDi(); }
        @Override public double minusDi() { return of.plusDi(); }
        @Override public double macdHistogram() { return -of.macdHistogram(); }
        @Override public double prevMacdHistogram() { return -of.prevMacdHistogram(); }
        @Override public double vwap() { return -of.vwap(); }
        @Override public double volume() { return of.volume(); }
        @Override public double volumeAverage() { return of.volumeAverage(); }
        @Override public FeatureView mirrored() { return of; }
    }
}
