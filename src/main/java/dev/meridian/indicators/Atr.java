package dev.meridian.indicators;

/**
 * Incremental Average True Range with Wilder smoothing. The first {@code period} true ranges are
 * averaged plainly; {@link #ready()} turns true after {@code period} bars. The true range of the
 * first bar is its high − low (there is no previous close).
 */
public final class Atr {
    private final int period;
    private double value;
    private double prevClose = Double.NaN;
    private int count;

    public Atr(int period) {
        if (period < 1) throw new IllegalArgumentException("ATR period must be >= 1, got " + period);
        this.period = period;
    }

    public void update(double high, double low, double close) {
        double tr = high - low;
        if (!Double.isNaN(prevClose)) {
            tr = Math.max(tr, Math.max(Math.abs(high - prevClose), Math.abs(low - prevClose)));
        }
        prevClose = close;
        count++;
        if (count <= period) {
            value += (tr - value) / count;
        } else {
            value = (value * (period - 1) + tr) / period;
        }
    }

    public boolean ready() { return count >= period; }

    public double value() { return value; }

    public int period() { return period; }
}
