package dev.meridian.strategy;

import dev.meridian.core.AssetClass;
import dev.meridian.core.Bar;
import dev.meridian.core.Mode;
import dev.meridian.core.Regime;
import dev.meridian.core.SessionLabel;
import dev.meridian.core.Side;
import dev.meridian.indicators.TrendGauge;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Optional;
import java.util.Set;

/**
 * The walking skeleton's one honest strategy (INTRADAY_TREND mode, long only): enter when the fast
 * EMA crosses above the slow EMA outside TREND_DOWN and VOLATILE regimes; exit when the fast EMA
 * crosses back below or a bar closes at or under the stop. The stop is
 * {@code entry − max(atrMult × ATR, minStopPct × price)}. The signal score in [0,1] grows with the
 * EMA spread in ATR units and with trend confidence. One instance per symbol; it decides only on
 * the bars it is given, so the same bars give the same intents. Later issues replace it with the
 * mode selector; the seam is {@link #onBar}.
 */
public final class TrendCrossStrategy {
    /** Parameters. {@code atrMult} and {@code minStopPct} come from the sizing policy. */
    public record Params(int emaFast, int emaSlow, int atrPeriod, double atrMult, double minStopPct) {
    }

    private final Params params;
    private final TrendGauge gauge;
    private double prevSpread = Double.NaN;
    private boolean inPosition;
    private BigDecimal stop;

    public TrendCrossStrategy(Params params) {
        this.params = params;
        this.gauge = new TrendGauge(params.emaFast(), params.emaSlow(), params.atrPeriod());
    }

    /** The portfolio's truth about this symbol's position (restored on restart, updated on fills). */
    public void positionChanged(boolean open, BigDecimal stopPrice) {
        this.inPosition = open;
        this.stop = open ? stopPrice : null;
    }

    public boolean inPosition() { return inPosition; }

    /**
     * Feeds one closed bar; returns the intent it triggers, if any. Warm-up bars (and bars before
     * the indicators are ready) update state and never trigger. {@code allowedModes} are the
     * session's; {@code selectedMode} empty means AUTO.
     */
    public Optional<TradeIntent> onBar(String source, Bar bar, Regime regime, double regimeConfidence,
                                       SessionLabel session, Set<Mode> allowedModes, Optional<Mode> selectedMode) {
        double close = bar.closeD();
        gauge.update(bar.highD(), bar.lowD(), close);
        if (!gauge.ready()) {
            return Optional.empty();
        }
        double spread = gauge.spreadInAtr();
        boolean crossUp = !Double.isNaN(prevSpread) && prevSpread <= 0 && spread > 0;
        boolean crossDown = !Double.isNaN(prevSpread) && prevSpread >= 0 && spread < 0;
        prevSpread = spread;
        if (bar.warmup()) {
            return Optional.empty();
        }
        double score = score(spread, regime, regimeConfidence);
        if (inPosition) {
            boolean stopHit = stop != null && bar.close().compareTo(stop) <= 0;
            if (stopHit || crossDown) {
                return Optional.of(intent(source, bar, Side.SELL, false, regime, session, score, stop,
                        stopHit ? "stop hit" : "fast EMA crossed below slow EMA"));
            }
            return Optional.empty();
        }
        Mode mode = Mode.INTRADAY_TREND;
        boolean modeSelected = selectedMode.map(m -> m == mode).orElse(true);
        if (crossUp && modeSelected && allowedModes.contains(mode) && bar.assetClass() == AssetClass.SPOT
                && regime != Regime.TREND_DOWN && regime != Regime.VOLATILE) {
            double stopDistance = Math.max(params.atrMult() * gauge.atr(), params.minStopPct() * close);
            BigDecimal stopPrice = bar.close().subtract(BigDecimal.valueOf(stopDistance))
                    .round(new MathContext(12, RoundingMode.HALF_EVEN));
            if (stopPrice.signum() <= 0) {
                return Optional.empty();
            }
            return Optional.of(intent(source, bar, Side.BUY, true, regime, session, score, stopPrice,
                    "fast EMA crossed above slow EMA"));
        }
        return Optional.empty();
    }

    private TradeIntent intent(String source, Bar bar, Side side, boolean entry, Regime regime, SessionLabel session,
                               double score, BigDecimal stopPrice, String reason) {
        return new TradeIntent(source, bar.seq(), bar.closeTimeMs(), bar.symbol(), bar.assetClass(), side, entry,
                Mode.INTRADAY_TREND, regime, session, bar.close(), gauge.atr(), stopPrice, score, reason);
    }

    /** Score in [0,1]: half from EMA spread (tanh of ATR units), half from trend confidence. */
    static double score(double spreadAtr, Regime regime, double confidence) {
        double trend = regime == Regime.TREND_UP ? confidence : regime == Regime.RANGE ? 0.25 * confidence : 0.0;
        double raw = 0.5 * Math.tanh(Math.max(0, spreadAtr)) + 0.5 * trend;
        return Math.round(Math.max(0, Math.min(1, raw)) * 1e6) / 1e6;
    }
}
