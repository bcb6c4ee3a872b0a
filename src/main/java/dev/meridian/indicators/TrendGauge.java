package dev.meridian.indicators;

/**
 * A fast EMA, a slow EMA and an ATR over the same bars: how far the fast average stands above the
 * slow one in ATR units ({@link #spreadInAtr()}), and how wide bars are relative to price
 * ({@link #atrFraction(double)}). Shared by the regime detector and the trend strategy so both read
 * the same numbers. {@link #ready()} is false until all three are past their warm-up; a value after
 * bar i depends only on bars up to i.
 */
public final class TrendGauge {
    private final Ema fast;
    private final Ema slow;
    private final Atr atr;

    public TrendGauge(int emaFast, int emaSlow, int atrPeriod) {
        if (emaFast >= emaSlow) throw new IllegalArgumentException("need ema_fast < ema_slow, got " + emaFast + " >= " + emaSlow);
        this.fast = new Ema(emaFast);
        this.slow = new Ema(emaSlow);
        this.atr = new Atr(atrPeriod);
    }

    public void update(double high, double low, double close) {
        fast.update(close);
        slow.update(close);
        atr.update(high, low, close);
    }

    /** Bars needed before {@link #ready()}. */
    public int warmupBars() { return Math.max(slow.period(), atr.period()); }

    public boolean ready() { return fast.ready() && slow.ready() && atr.ready() && atr.value() > 0; }

    public double spreadInAtr() { return (fast.value() - slow.value()) / atr.value(); }

    public double atr() { return atr.value(); }

    public double atrFraction(double price) { return atr.value() / price; }
}
