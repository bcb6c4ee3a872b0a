package dev.meridian.strategy;

import dev.meridian.core.Mode;

import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * The indicator lengths the strategies read and each mode's exit geometry. Indicator lengths are
 * in bars of the strategy timeframe; the EMA, ATR and Bollinger lengths are the regime policy's so
 * that the strategy and the regime detector look at the same lines.
 *
 * @param emaFast       fast EMA length
 * @param emaSlow       slow EMA length (> emaFast)
 * @param atrPeriod     ATR length
 * @param rsiPeriod     RSI length
 * @param bbPeriod      Bollinger band length
 * @param bbStddev      Bollinger band width in standard deviations
 * @param donchianPeriod breakout channel length
 * @param macdFast      MACD fast EMA
 * @param macdSlow      MACD slow EMA
 * @param macdSignal    MACD signal EMA
 * @param vwapPeriod    rolling VWAP length
 * @param volumePeriod  length of the volume average a breakout's volume is compared with
 * @param minStopPct    the least stop distance as a fraction of price ({@code min_stop_distance_pct})
 * @param exits         each mode's stop, take-profit and time stop
 */
public record StrategyParams(int emaFast, int emaSlow, int atrPeriod, int rsiPeriod, int bbPeriod, double bbStddev,
                             int donchianPeriod, int macdFast, int macdSlow, int macdSignal, int vwapPeriod,
                             int volumePeriod, double minStopPct, Map<Mode, Exits> exits) {
    /**
     * How a mode's positions end. Stop distance = max({@code stopAtr} × ATR, minStopPct × price) ×
     * the session's {@code sl_mult}; take-profit distance = {@code rewardRisk} × the stop distance ×
     * the session's {@code tp_mult} (so it is recomputed exactly from the stored entry and stop after
     * a restart); the position is closed after {@code maxBars} bars whatever happens.
     */
    public record Exits(double stopAtr, double rewardRisk, int maxBars) {
        public Exits {
            if (!(stopAtr > 0) || !(rewardRisk > 0) || maxBars < 1) {
                throw new IllegalArgumentException("exits need stopAtr > 0, rewardRisk > 0, maxBars >= 1");
            }
        }
    }

    public StrategyParams {
        if (emaFast < 1 || emaSlow <= emaFast) throw new IllegalArgumentException("need 1 <= emaFast < emaSlow");
        if (macdFast < 1 || macdSlow <= macdFast || macdSignal < 1) throw new IllegalArgumentException("need 1 <= macdFast < macdSlow, macdSignal >= 1");
        if (!(minStopPct >= 0 && minStopPct < 1)) throw new IllegalArgumentException("minStopPct must be in [0, 1)");
        exits = Map.copyOf(Objects.requireNonNull(exits, "exits"));
        for (Mode m : Mode.values()) {
            if (!exits.containsKey(m)) throw new IllegalArgumentException("no exits for mode " + m);
        }
    }

    /**
     * The shipped strategy settings around the regime policy's lines and the sizing policy's stop.
     * Why these exits: a scalp takes one ATR of room for 1.5R within an hour of 5-minute bars; a
     * trend rides the sizing policy's ATR stop to 2.5R; a swing breakout needs room (2.5 ATR) and time
     * (a day); a mean reversion is done when price is back at the mean, 2R at most.
     */
    public static StrategyParams defaults(int emaFast, int emaSlow, int atrPeriod, int bbPeriod, double bbStddev,
                                          double atrMultSl, double minStopPct) {
        Map<Mode, Exits> exits = new EnumMap<>(Mode.class);
        exits.put(Mode.SCALP, new Exits(1.0, 1.5, 12));
        exits.put(Mode.INTRADAY_TREND, new Exits(atrMultSl, 2.5, 96));
        exits.put(Mode.SWING, new Exits(2.5, 3.0, 288));
        exits.put(Mode.MEAN_REVERSION, new Exits(1.5, 2.0, 36));
        exits.put(Mode.OPTIONS, new Exits(1.0, 1.0, 1));
        return new StrategyParams(emaFast, emaSlow, atrPeriod, 14, bbPeriod, bbStddev, 20, 12, 26, 9, 48, 20,
                minStopPct, exits);
    }

    public Exits exits(Mode mode) { return exits.get(mode); }
}
