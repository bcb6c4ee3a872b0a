package dev.meridian.app;

import dev.meridian.backtest.BacktestRun;
import dev.meridian.backtest.Backtester;
import dev.meridian.config.MeridianConfig;
import dev.meridian.config.ShippedConfig;
import dev.meridian.core.AssetClass;
import dev.meridian.core.Mode;
import dev.meridian.market.ReplaySource;
import dev.meridian.portfolio.ClosedTrade;
import dev.meridian.core.Tick;
import dev.meridian.learning.ModeBandit;
import dev.meridian.market.ReplayReader;
import dev.meridian.strategy.BanditChooser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedWriter;
import java.io.IOException;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;

import java.math.BigDecimal;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The backtester on the built-in data with the shipped configuration: deterministic, net of costs, no look-ahead. */
class BacktesterTest {
    private static final MeridianConfig CONFIG = ShippedConfig.load();

    private static Backtester backtester() {
        return new Backtester(Configs.backtestSetup(CONFIG, Configs.feeBps(CONFIG), Configs.slippageBps(CONFIG)));
    }

    @Test
    void theSameDataGivesTheSameTradesAndEveryTradeIsNetOfCosts() {
        ReplaySource btc = ReplaySource.resolve(ReplaySource.BTC_TRADES_2013, AssetClass.SPOT);
        BacktestRun a = backtester().run(btc, Backtester.Pass.whole("main", Optional.empty()));
        BacktestRun b = backtester().run(btc, Backtester.Pass.whole("main", Optional.empty()));
        assertThat(a.trades()).isNotEmpty().isEqualTo(b.trades());
        assertThat(a.equity()).isEqualTo(b.equity());
        for (ClosedTrade t : a.trades()) {
            assertThat(t.netPnl()).isEqualByComparingTo(t.grossPnl().subtract(t.fees()).subtract(t.slippage()));
            assertThat(t.exitTimeMs()).isGreaterThanOrEqualTo(t.entryTimeMs());
            assertThat(t.rewardPoints()).isNotNull();
        }
        assertThat(a.trades().stream().map(ClosedTrade::mode).distinct().count()).isGreaterThanOrEqualTo(3);
        BigDecimal net = a.trades().stream().map(ClosedTrade::netPnl).reduce(BigDecimal.ZERO, BigDecimal::add);
        System.out.println("backtest btc-trades-2013: " + a.trades().size() + " trades, net " + net.toPlainString());
    }

    @Test
    void optionsTradePackagesOnASyntheticChainLabelledSoAndNetOfTheirCosts() {
        ReplaySource btc = ReplaySource.resolve(ReplaySource.BTC_TRADES_2013, AssetClass.OPTIONS);
        BacktestRun run = backtester().run(btc, Backtester.Pass.whole("main", Optional.empty()));
        assertThat(run.trades()).isNotEmpty();
        for (ClosedTrade t : run.trades()) {
            assertThat(t.symbol()).startsWith("SYNTHETIC BTCUSD ");
            assertThat(t.mode()).isEqualTo(Mode.OPTIONS);
            assertThat(t.assetClass()).isEqualTo(AssetClass.OPTIONS);
            assertThat(t.netPnl()).isEqualByComparingTo(t.grossPnl().subtract(t.fees()).subtract(t.slippage()));
            assertThat(t.fees()).isPositive();
            assertThat(t.slippage()).as("the quoted spread, paid both ways").isPositive();
            // The fixed $10 phase: $10 of premium for a debit package, $10 of maximum loss for a credit one.
            if (t.side() == dev.meridian.core.Side.SELL) {
                assertThat(t.riskUsd()).as("credit: size is the max loss").isLessThanOrEqualTo(BigDecimal.TEN).isEqualByComparingTo(t.sizeUsd());
            } else {
                assertThat(t.sizeUsd()).as("debit: size is the premium, also the max loss").isLessThanOrEqualTo(BigDecimal.TEN)
                        .isEqualByComparingTo(t.riskUsd());
            }
        }
        assertThat(backtester().run(btc, Backtester.Pass.whole("main", Optional.empty())).trades()).isEqualTo(run.trades());
        // A Strategy Mode other than OPTIONS leaves the options sub-ledger flat.
        assertThat(backtester().run(btc, Backtester.Pass.whole("SWING", Optional.of(Mode.SWING))).trades()).isEmpty();
    }

    @Test
    void aForcedModeTradesOnlyThatMode() {
        ReplaySource btc = ReplaySource.resolve(ReplaySource.BTC_TRADES_2013, AssetClass.SPOT);
        BacktestRun swing = backtester().run(btc, Backtester.Pass.whole("SWING", Optional.of(Mode.SWING)));
        assertThat(swing.trades()).isNotEmpty().allMatch(t -> t.mode() == Mode.SWING);
    }

    @Test
    void futureDataNeverChangesEarlierDecisions() {
        // Trading stops at the middle of the week; the trades before it must be the same as those of
        // the whole run that closed before it — what comes later cannot reach back.
        ReplaySource btc = ReplaySource.resolve(ReplaySource.BTC_TRADES_2013, AssetClass.SPOT);
        BacktestRun whole = backtester().run(btc, Backtester.Pass.whole("main", Optional.empty()));
        long mid = (whole.fromMs() + whole.toMs()) / 2;
        BacktestRun half = backtester().run(btc, new Backtester.Pass("half", Long.MIN_VALUE, mid, Optional.empty()));
        var before = whole.trades().stream().filter(t -> t.exitTimeMs() <= mid).toList();
        assertThat(half.trades()).isEqualTo(before);
    }

    @Test
    void poisonedFutureDataLeavesTheLearnersTrainingUntouched(@TempDir Path tmp) throws IOException {
        // The same week twice, the second copy with every price after the cut distorted. A learner
        // trained up to the cut must trade, learn and end up in the same state on both.
        ReplaySource btc = ReplaySource.resolve(ReplaySource.BTC_TRADES_2013, AssetClass.SPOT);
        BacktestRun whole = backtester().run(btc, Backtester.Pass.whole("main", Optional.empty()));
        long cut = whole.fromMs() + (whole.toMs() - whole.fromMs()) / 2;
        // One path for both: the source's name (part of every order id) must not differ.
        Path file = tmp.resolve("BTCUSD.csv");
        BanditChooser a = new BanditChooser(new ModeBandit(ModeBandit.Params.defaults(), 11));
        BanditChooser b = new BanditChooser(new ModeBandit(ModeBandit.Params.defaults(), 11));
        Backtester.Pass training = new Backtester.Pass("training", Long.MIN_VALUE, cut, Optional.empty());
        writeTrades(btc, file, cut, false);
        BacktestRun onClean = backtester().run(ReplaySource.resolve(file.toString(), AssetClass.SPOT), training, a);
        BacktestRun allClean = backtester().run(ReplaySource.resolve(file.toString(), AssetClass.SPOT), Backtester.Pass.whole("c", Optional.empty()));
        writeTrades(btc, file, cut, true);
        BacktestRun onPoisoned = backtester().run(ReplaySource.resolve(file.toString(), AssetClass.SPOT), training, b);
        BacktestRun allPoisoned = backtester().run(ReplaySource.resolve(file.toString(), AssetClass.SPOT), Backtester.Pass.whole("p", Optional.empty()));
        assertThat(onClean.trades()).hasSizeGreaterThan(20).isEqualTo(onPoisoned.trades());
        assertThat(a.bandit().snapshot()).isEqualTo(b.bandit().snapshot());
        assertThat(a.bandit().view().stream().mapToDouble(ModeBandit.ArmView::effectiveN).sum()).isPositive();

        // And the poison is real: the whole span differs.
        assertThat(allPoisoned.trades()).isNotEqualTo(allClean.trades());
    }

    private static void writeTrades(ReplaySource source, Path file, long cut, boolean poison) throws IOException {
        Files.createDirectories(file.getParent());
        try (ReplayReader r = source.open(); BufferedWriter w = Files.newBufferedWriter(file)) {
            w.write("timestamp,price,amount\n");
            long i = 0;
            while (r.hasNext()) {
                Tick t = (Tick) r.next();
                BigDecimal price = t.price();
                if (poison && t.timeMs() > cut) price = price.multiply(BigDecimal.valueOf(1 + 0.2 * Math.sin(i / 50.0))).setScale(2, RoundingMode.HALF_EVEN);
                w.write(t.timeMs() + "," + price.toPlainString() + "," + t.qty().toPlainString() + "\n");
                i++;
            }
        }
    }
}
