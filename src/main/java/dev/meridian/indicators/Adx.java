package dev.meridian.indicators;

/**
 * Incremental average directional index with +DI and −DI, Wilder's definitions, O(1) per bar.
 *
 * <p>Per bar after the first: +DM = up move if it exceeds the down move and is positive, else 0
 * (−DM symmetrically), TR = max(high − low, |high − prev close|, |low − prev close|). +DM, −DM and
 * TR are each smoothed Wilder-style, seeded with the plain mean of their first {@code period}
 * values; +DI = 100·sm(+DM)/sm(TR), −DI likewise; DX = 100·|+DI − −DI| / (+DI + −DI); ADX is DX
 * smoothed the same way (seeded with the mean of the first {@code period} DX values).
 *
 * <p>ta4j's ADX/DI indicators seed every MMA with its bar-0 value instead (+DM = 0, TR = high − low
 * at bar 0), so the two agree only once those seeds have decayed by (1 − 1/period)^bars.
 *
 * <p>Warm-up: {@link #diReady()} after {@code period + 1} bars (period changes); {@link #ready()}
 * (ADX) after {@code 2·period} bars. Before that the respective values are NaN. Values after bar i
 * depend only on bars ≤ i. Once ready, +DI, −DI and ADX lie in [0, 100]. When the smoothed TR is 0
 * (no movement at all) both DIs are 0, and DX is 0 when both DIs are 0: no range, no direction.
 */
public final class Adx {
    private final int period;
    private double prevHigh = Double.NaN;
    private double prevLow;
    private double prevClose;
    private int changes;
    private double smPlusDm;
    private double smMinusDm;
    private double smTr;
    private int dxCount;
    private double adx;

    public Adx(int period) {
        if (period < 1) throw new IllegalArgumentException("ADX period must be >= 1, got " + period);
        this.period = period;
    }

    public void update(double high, double low, double close) {
        if (Double.isNaN(prevHigh)) {
            remember(high, low, close);
            return;
        }
        double up = high - prevHigh;
        double down = prevLow - low;
        double plusDm = up > down && up > 0 ? up : 0;
        double minusDm = down > up && down > 0 ? down : 0;
        double tr = Math.max(high - low, Math.max(Math.abs(high - prevClose), Math.abs(low - prevClose)));
        remember(high, low, close);

        changes++;
        // Running mean during the seed, Wilder's 1/period smoothing afterwards.
        int divisor = Math.min(changes, period);
        smPlusDm += (plusDm - smPlusDm) / divisor;
        smMinusDm += (minusDm - smMinusDm) / divisor;
        smTr += (tr - smTr) / divisor;
        if (!diReady()) return;

        double pdi = plusDi();
        double mdi = minusDi();
        double sum = pdi + mdi;
        double dx = sum == 0 ? 0 : 100.0 * Math.abs(pdi - mdi) / sum;
        dxCount++;
        adx += (dx - adx) / Math.min(dxCount, period);
    }

    private void remember(double high, double low, double close) {
        prevHigh = high;
        prevLow = low;
        prevClose = close;
    }

    /** True once +DI and −DI are defined ({@code period + 1} bars). */
    public boolean diReady() { return changes >= period; }

    /** True once ADX is defined ({@code 2·period} bars). */
    public boolean ready() { return dxCount >= period; }

    public double plusDi() { return !diReady() ? Double.NaN : smTr == 0 ? 0 : 100.0 * smPlusDm / smTr; }

    public double minusDi() { return !diReady() ? Double.NaN : smTr == 0 ? 0 : 100.0 * smMinusDm / smTr; }

    public double value() { return ready() ? adx : Double.NaN; }

    public int period() { return period; }

    /** Bars needed before {@link #ready()}. */
    public int warmupBars() { return 2 * period; }
}
