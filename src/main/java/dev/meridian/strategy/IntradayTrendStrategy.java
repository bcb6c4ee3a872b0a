package dev.meridian.strategy;

import dev.meridian.core.Mode;
import dev.meridian.core.Regime;

import java.util.Optional;
import java.util.Set;

/**
 * INTRADAY_TREND: join an established up-trend when momentum turns up again.
 * <ul>
 *   <li>Entry: the MACD histogram crosses above zero while the fast EMA is above the slow EMA and
 *       the close is above the slow EMA.</li>
 *   <li>Strength: tanh of the EMA spread in ATR units (one ATR of spread ≈ 0.76).</li>
 *   <li>Confirmation: (ADX − 15) / 25 clamped to [0,1] when +DI leads −DI, else 0 — a trend the
 *       directional index agrees with.</li>
 *   <li>Exit: the fast EMA falls below the slow EMA.</li>
 * </ul>
 */
public final class IntradayTrendStrategy implements ModeStrategy {
    @Override public Mode mode() { return Mode.INTRADAY_TREND; }

    @Override public Set<Regime> homeRegimes() { return Set.of(Regime.TREND_UP); }

    @Override
    public Optional<Setup> entry(FeatureView f) {
        boolean momentumTurnsUp = f.prevMacdHistogram() <= 0 && f.macdHistogram() > 0;
        if (!momentumTurnsUp || f.emaFast() <= f.emaSlow() || f.close() <= f.emaSlow()) return Optional.empty();
        double confirmation = f.plusDi() > f.minusDi() ? (f.adx() - 15) / 25 : 0;
        return Optional.of(new Setup(Math.tanh(f.emaSpreadAtr()), confirmation,
                "MACD histogram turned positive in an EMA up-trend"));
    }

    @Override
    public Optional<String> exitSignal(FeatureView f) {
        return f.emaFast() < f.emaSlow() ? Optional.of("fast EMA fell below slow EMA") : Optional.empty();
    }
}
