package dev.meridian.strategy;

import dev.meridian.core.AssetClass;
import dev.meridian.core.Bar;
import dev.meridian.core.Mode;
import dev.meridian.core.Regime;
import dev.meridian.core.SessionLabel;
import dev.meridian.core.Side;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static dev.meridian.strategy.StrategyBars.bar;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Each mode's entry, stop and take-profit on bars whose ATR is known by hand (see {@link StrategyBars}),
 * and the exits of an open position in their documented order.
 */
class SymbolTraderTest {
    private static final double EPS = 1e-9;

    private record Run(List<TradeIntent> intents, List<Integer> at, SymbolTrader trader) {}

    /** Feeds closes (volume 1 unless given) with a fixed context; applies each intent as the portfolio would. */
    private static Run run(List<Double> closes, List<Double> volumes, Regime regime, Optional<Mode> forced) {
        SymbolTrader t = new SymbolTrader(StrategyBars.params(), StrategyBars.allModes(), ModeChooser.ruleTable(), ScoreLearner.handWeighted());
        List<TradeIntent> out = new ArrayList<>();
        List<Integer> at = new ArrayList<>();
        for (int i = 0; i < closes.size(); i++) {
            Bar b = bar(i, closes.get(i), volumes == null ? 1 : volumes.get(i));
            var r = t.onBar("src", b, new SymbolTrader.Context(regime, 0.9, true, StrategyBars.SESSION, forced, Optional.empty()));
            r.intent().ifPresent(in -> {
                out.add(in);
                at.add(b.openTimeMs() == 0 ? 0 : (int) b.seq());
                t.positionChanged(in.entry()
                        ? Optional.of(new SymbolTrader.OpenTrade(in.mode(), in.side(), in.session(), in.refPrice(), in.stopPrice(), in.timeMs()))
                        : Optional.empty(), AssetClass.SPOT);
            });
        }
        return new Run(out, at, t);
    }

    @Test
    void swingBreaksOutAboveThePriorChannelWithAnAtrStopAndThreeRTarget() {
        List<Double> closes = new ArrayList<>(StrategyBars.flat(30));
        closes.add(101.5); // prior channel high = 100.3 + 1 = 101.3
        List<Double> vol = new ArrayList<>(java.util.Collections.nCopies(30, 1.0));
        vol.add(3.0);
        Run r = run(closes, vol, Regime.VOLATILE, Optional.empty());
        assertThat(r.intents()).hasSize(1);
        TradeIntent in = r.intents().get(0);
        assertThat(in.mode()).isEqualTo(Mode.SWING);
        assertThat(in.seq()).isEqualTo(30);
        assertThat(in.side()).isEqualTo(Side.BUY);
        // TR of the breakout bar = 102.5 − 100.3 = 2.2; ATR = (2 × 2 + 2.2) / 3 = 2.0666…
        double atr = (2 * 2 + 2.2) / 3;
        assertThat(in.atr()).isCloseTo(atr, within(EPS));
        double stopDistance = 2.5 * atr;                                     // 5.1666…
        assertThat(in.stopPrice().doubleValue()).isCloseTo(101.5 - stopDistance, within(1e-6));
        assertThat(r.trader().takeProfit().orElseThrow().doubleValue()).isCloseTo(101.5 + 3 * stopDistance, within(1e-6));
        // strength = 0.5 + (101.5 − 101.3) / ATR, confirmation = 3 / avg(1,1,1,1,3) − 1 = 3/1.4 − 1 → 1 (clamped);
        // VOLATILE is a home regime of SWING, confidence 0.9.
        double strength = 0.5 + 0.2 / atr;
        assertThat(in.signalScore()).isCloseTo(0.45 * strength + 0.35 * 0.9 + 0.20 * 1.0, within(1e-6));
    }

    @Test
    void meanReversionBuysBelowTheLowerBandWhenOversoldAndTakesProfitAtTheMean() {
        List<Double> closes = new ArrayList<>(StrategyBars.flat(30));
        // Band over the last 10 closes (nine of the quiet range and 98.6): mean 99.89, σ 0.5147,
        // lower band 98.861 > 98.6. RSI(3) after the 1.7 drop: gains 0.2, losses 0.767 → 20.7.
        closes.addAll(List.of(98.6, 99.5, 100.3));
        Run r = run(closes, null, Regime.RANGE, Optional.empty());
        assertThat(r.intents()).hasSize(2);
        TradeIntent in = r.intents().get(0);
        assertThat(in.mode()).isEqualTo(Mode.MEAN_REVERSION);
        assertThat(in.seq()).isEqualTo(30);
        // TR of the drop bar = 100.3 − 97.6 = 2.7; ATR = (2 × 2 + 2.7) / 3 = 2.2333…; stop 1.5 ATR below.
        double atr = (2 * 2 + 2.7) / 3;
        assertThat(in.atr()).isCloseTo(atr, within(EPS));
        assertThat(in.stopPrice().doubleValue()).isCloseTo(98.6 - 1.5 * atr, within(1e-9));   // 95.25
        // Back at the mean: 100.3 ≥ the middle band 99.87 two bars later (99.5 < 99.81 was not yet).
        TradeIntent exit = r.intents().get(1);
        assertThat(exit.entry()).isFalse();
        assertThat(exit.seq()).isEqualTo(32);
        assertThat(exit.reason()).contains("back at the mean");
    }

    @Test
    void aPerpShortsTheMirrorOfAMeanReversionBuyAndCoversItAtTheMeanWhileSpotStaysFlat() {
        List<Double> closes = new ArrayList<>(StrategyBars.flat(30));
        closes.addAll(List.of(98.6, 99.5, 100.3));
        // The same market upside down around 100: a spike to 101.4 that is overbought above the upper band.
        List<Double> mirrored = closes.stream().map(c -> 200 - c).toList();
        for (AssetClass c : List.of(AssetClass.PERP, AssetClass.SPOT)) {
            SymbolTrader t = new SymbolTrader(StrategyBars.params(), StrategyBars.allModes(), ModeChooser.ruleTable(), ScoreLearner.handWeighted());
            List<TradeIntent> out = new ArrayList<>();
            for (int i = 0; i < mirrored.size(); i++) {
                Bar b = bar(i, mirrored.get(i), 1);
                b = new Bar(b.symbol(), c, b.timeframeSec(), b.openTimeMs(), b.open(), b.high(), b.low(), b.close(), b.volume(), b.seq(), false);
                var r = t.onBar("src", b, new SymbolTrader.Context(Regime.RANGE, 0.9, true, StrategyBars.SESSION, Optional.empty(), Optional.empty()));
                r.intent().ifPresent(in -> {
                    out.add(in);
                    t.positionChanged(in.entry() ? Optional.of(new SymbolTrader.OpenTrade(in.mode(), in.side(), in.session(),
                            in.refPrice(), in.stopPrice(), in.timeMs())) : Optional.empty(), c);
                });
            }
            if (c == AssetClass.SPOT) {
                assertThat(out).as("spot never shorts").noneMatch(in -> in.entry() && in.side() == Side.SELL);
                continue;
            }
            assertThat(out).hasSize(2);
            TradeIntent in = out.get(0);
            assertThat(in.mode()).isEqualTo(Mode.MEAN_REVERSION);
            assertThat(in.side()).isEqualTo(Side.SELL);
            assertThat(in.seq()).isEqualTo(30);
            assertThat(in.refPrice().doubleValue()).isCloseTo(101.4, within(1e-9));
            double atr = (2 * 2 + 2.7) / 3;
            assertThat(in.stopPrice().doubleValue()).as("1.5 ATR above a short").isCloseTo(101.4 + 1.5 * atr, within(1e-9));
            assertThat(in.reason()).contains("short");
            TradeIntent exit = out.get(1);
            assertThat(exit.entry()).isFalse();
            assertThat(exit.side()).isEqualTo(Side.BUY);
            assertThat(exit.seq()).isEqualTo(32);
            assertThat(exit.reason()).contains("back at the mean");
        }
    }

    @Test
    void intradayTrendEntersWhenMomentumTurnsUpInsideAnUpTrend() {
        List<Double> closes = new ArrayList<>();
        double p = 100;
        for (int i = 0; i < 40; i++) closes.add(p += 0.4);
        for (int i = 0; i < 3; i++) closes.add(p -= 0.4);
        for (int i = 0; i < 10; i++) closes.add(p += 0.8);
        Run r = run(closes, null, Regime.TREND_UP, Optional.empty());
        assertThat(r.intents()).isNotEmpty();
        TradeIntent in = r.intents().get(0);
        assertThat(in.mode()).isEqualTo(Mode.INTRADAY_TREND);
        assertThat(in.seq()).isGreaterThanOrEqualTo(43);      // after the dip, never during it
        assertThat(in.atr()).isCloseTo(2.0, within(EPS));
        double close = in.refPrice().doubleValue();
        assertThat(in.stopPrice().doubleValue()).isCloseTo(close - 1.2 * 2, within(1e-9));
        assertThat(r.trader().openTrade().isPresent() ? r.trader().takeProfit().orElseThrow().doubleValue() : close + 2.5 * 2.4)
                .isCloseTo(close + 2.5 * 2.4, within(1e-9));
    }

    @Test
    void scalpBuysTheReclaimOfTheFastEmaAboveVwap() {
        List<Double> closes = new ArrayList<>();
        double p = 100;
        for (int i = 0; i < 40; i++) closes.add(p += 0.4);
        closes.add(p - 0.9);      // dips under the fast EMA
        closes.add(p);            // and closes back above it
        Run r = run(closes, null, Regime.TREND_UP, Optional.of(Mode.SCALP));
        assertThat(r.intents()).hasSize(1);
        TradeIntent in = r.intents().get(0);
        assertThat(in.mode()).isEqualTo(Mode.SCALP);
        assertThat(in.seq()).isEqualTo(41);
        assertThat(in.atr()).isCloseTo(2.0, within(EPS));
        assertThat(in.stopPrice().doubleValue()).isCloseTo(p - 2.0, within(1e-9));                 // 1 ATR
        assertThat(r.trader().takeProfit().orElseThrow().doubleValue()).isCloseTo(p + 3.0, within(1e-9)); // 1.5 R
        assertThat(in.reason()).contains("forced by Strategy Mode");
    }

    @Test
    void exitsInOrderStopTakeProfitSignalTime() {
        SymbolTrader t = new SymbolTrader(StrategyBars.params(), StrategyBars.allModes(), ModeChooser.ruleTable(), ScoreLearner.handWeighted());
        List<Double> flat = StrategyBars.flat(30);
        for (int i = 0; i < flat.size(); i++) t.onBar("s", bar(i, flat.get(i), 1), ctx());
        long entryTime = bar(29, 100.3, 1).closeTimeMs();
        // A swing long from 100.3 with the stop at 95.3: take-profit = 100.3 + 3 × 5 = 115.3.
        t.positionChanged(Optional.of(new SymbolTrader.OpenTrade(Mode.SWING, Side.BUY, SessionLabel.EU, new BigDecimal("100.3"),
                new BigDecimal("95.3"), entryTime)), AssetClass.SPOT);
        assertThat(t.takeProfit()).hasValueSatisfying(v -> assertThat(v).isEqualByComparingTo("115.3"));
        assertThat(t.onBar("s", bar(30, 100.3, 1), ctx()).intent()).isEmpty();
        var stop = t.onBar("s", bar(31, 95.3, 1), ctx()).intent().orElseThrow();
        assertThat(stop.reason()).endsWith("stop hit");
        assertThat(stop.side()).isEqualTo(Side.SELL);
        assertThat(stop.mode()).isEqualTo(Mode.SWING);
    }

    @Test
    void timeStopClosesAfterMaxBars() {
        SymbolTrader t = new SymbolTrader(StrategyBars.params(), StrategyBars.allModes(), ModeChooser.ruleTable(), ScoreLearner.handWeighted());
        List<Double> flat = StrategyBars.flat(30);
        for (int i = 0; i < flat.size(); i++) t.onBar("s", bar(i, flat.get(i), 1), ctx());
        long entryTime = bar(29, 100.3, 1).closeTimeMs();
        // A scalp (12 bars at most) that neither stops out nor reaches its target.
        t.positionChanged(Optional.of(new SymbolTrader.OpenTrade(Mode.SCALP, Side.BUY, SessionLabel.EU, new BigDecimal("100.3"),
                new BigDecimal("90"), entryTime)), AssetClass.SPOT);
        int i = 30;
        Optional<TradeIntent> exit = Optional.empty();
        for (; i < 60 && exit.isEmpty(); i++) exit = t.onBar("s", bar(i, 100.3, 1), ctx()).intent();
        assertThat(exit.orElseThrow().reason()).endsWith("time stop after 12 bars");
        assertThat(i - 1).isEqualTo(29 + 12);
    }

    @Test
    void takeProfitUsesTheEntrySessionsMultiplier() {
        SymbolTrader t = new SymbolTrader(StrategyBars.params(),
                (s, a) -> new SymbolTrader.Terms(java.util.Set.of(Mode.SWING), 1.0, s == SessionLabel.US ? 2.0 : 1.0), ModeChooser.ruleTable(), ScoreLearner.handWeighted());
        t.positionChanged(Optional.of(new SymbolTrader.OpenTrade(Mode.SWING, Side.BUY, SessionLabel.US, new BigDecimal("100"),
                new BigDecimal("98"), 0)), AssetClass.SPOT);
        assertThat(t.takeProfit()).hasValueSatisfying(v -> assertThat(v).isEqualByComparingTo("112")); // 100 + 3 R × 2 × tp_mult 2
    }

    @Test
    void noEntryDuringWarmupOrWithoutAWarmRegimeOrWhenBlocked() {
        List<Double> closes = new ArrayList<>(StrategyBars.flat(30));
        closes.add(101.5);
        for (var c : List.of(
                new SymbolTrader.Context(Regime.VOLATILE, 0.9, false, SessionLabel.EU, Optional.empty(), Optional.empty()),
                new SymbolTrader.Context(Regime.VOLATILE, 0.9, true, SessionLabel.EU, Optional.empty(), Optional.of("forex market closed")),
                new SymbolTrader.Context(Regime.TREND_DOWN, 0.9, true, SessionLabel.EU, Optional.empty(), Optional.empty()))) {
            SymbolTrader t = new SymbolTrader(StrategyBars.params(), StrategyBars.allModes(), ModeChooser.ruleTable(), ScoreLearner.handWeighted());
            for (int i = 0; i < closes.size(); i++) {
                assertThat(t.onBar("s", bar(i, closes.get(i), 1), c).intent()).isEmpty();
            }
        }
        SymbolTrader warm = new SymbolTrader(StrategyBars.params(), StrategyBars.allModes(), ModeChooser.ruleTable(), ScoreLearner.handWeighted());
        for (int i = 0; i < closes.size(); i++) {
            assertThat(warm.onBar("s", bar(i, closes.get(i), 1).asWarmup(true), ctx()).intent()).isEmpty();
        }
    }

    @Test
    void sameBarsGiveTheSameIntents() {
        List<Double> closes = new ArrayList<>();
        java.util.Random rnd = new java.util.Random(7);
        double p = 100;
        for (int i = 0; i < 2000; i++) closes.add(p = Math.max(10, p + (rnd.nextDouble() - 0.48) * 4));
        for (Regime regime : List.of(Regime.RANGE, Regime.TREND_UP, Regime.VOLATILE)) {
            Run a = run(closes, null, regime, Optional.empty());
            Run b = run(closes, null, regime, Optional.empty());
            assertThat(a.intents()).as(regime.name()).isEqualTo(b.intents()).isNotEmpty();
            a.intents().forEach(in -> assertThat(in.signalScore()).isBetween(0.0, 1.0));
        }
    }

    @Test
    void barsWithoutRangeGiveNoAtrAndNoSignal() {
        // A dead market: every bar 100/100/100/100. ATR is 0, so stops cannot be placed and the
        // features never count as ready — no division by zero becomes an entry.
        for (Mode m : Mode.values()) {
            SymbolTrader t = new SymbolTrader(StrategyBars.params(), StrategyBars.allModes(), ModeChooser.ruleTable(), ScoreLearner.handWeighted());
            for (int i = 0; i < 100; i++) {
                BigDecimal c = new BigDecimal("100");
                Bar b = new Bar("BTCUSDT", AssetClass.SPOT, StrategyBars.TF, i * 60_000L, c, c, c, c, BigDecimal.ONE, i, false);
                var r = t.onBar("s", b, new SymbolTrader.Context(Regime.RANGE, 1, true, SessionLabel.EU, Optional.of(m), Optional.empty()));
                assertThat(r.intent()).as(m.name()).isEmpty();
            }
        }
    }

    private static SymbolTrader.Context ctx() {
        return new SymbolTrader.Context(Regime.RANGE, 0.5, true, SessionLabel.EU, Optional.empty(), Optional.empty());
    }
}
