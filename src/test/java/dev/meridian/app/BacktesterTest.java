package dev.meridian.app;

import dev.meridian.backtest.BacktestRun;
import dev.meridian.backtest.Backtester;
import dev.meridian.config.MeridianConfig;
import dev.meridian.config.ShippedConfig;
import dev.meridian.core.AssetClass;
import dev.meridian.core.Mode;
import dev.meridian.market.ReplaySource;
import dev.meridian.portfolio.ClosedTrade;
import org.junit.jupiter.api.Test;

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
}
