package dev.meridian.notify;

import dev.meridian.core.AssetClass;
import dev.meridian.core.Fill;
import dev.meridian.core.Mode;
import dev.meridian.core.Order;
import dev.meridian.core.Regime;
import dev.meridian.core.SessionLabel;
import dev.meridian.core.Side;
import dev.meridian.funds.FundsState;
import dev.meridian.portfolio.ClosedTrade;
import dev.meridian.portfolio.PortfolioSnapshot;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/** Records for the Telegram tests. */
final class TelegramFixtures {
    private TelegramFixtures() {
    }

    static BigDecimal bd(String s) { return new BigDecimal(s); }

    static ClosedTrade trade(String symbol, String netPnl) {
        return new ClosedTrade(7, "fill-9", 1_700_000_000_000L, 1_700_000_600_000L, symbol, AssetClass.SPOT, Mode.SWING,
                Regime.TREND_UP, SessionLabel.EU, Side.BUY, bd("0.5"), bd("100"), bd("102"), bd("98"), BigDecimal.ONE,
                bd("10000"), bd("50"), bd("1"), 0.7, true, bd("1.00"), bd("0.10"), bd("0.0125"), bd(netPnl),
                bd("1.755"), null, "FIXED", true);
    }

    static Fill fill(String symbol) {
        Order o = new Order("o-1", "test", 1, 1_700_000_000_000L, symbol, AssetClass.SPOT, Side.BUY, true, bd("0.50"),
                bd("100"), bd("98"), BigDecimal.ONE, bd("10000"), bd("50"), bd("1"), Mode.SCALP, Regime.RANGE,
                SessionLabel.US, 0.6, true, "FIXED", true);
        return new Fill("f-1", o, bd("0.50"), bd("100.10"), bd("0.05005"), bd("0.05"), 1_700_000_000_000L);
    }

    static FundsState funds(boolean paused) {
        return new FundsState(false, paused, Map.of(AssetClass.SPOT, true, AssetClass.PERP, false,
                AssetClass.OPTIONS, true, AssetClass.FOREX, false), bd("0.10"), java.util.Optional.empty());
    }

    static PortfolioSnapshot snapshot() {
        return new PortfolioSnapshot(bd("15012.345"),
                List.of(new PortfolioSnapshot.SubLedgerView(AssetClass.SPOT, bd("14012.345"), bd("13000"), bd("14000"),
                                bd("12.345"), bd("-0.5"), false),
                        new PortfolioSnapshot.SubLedgerView(AssetClass.OPTIONS, bd("1000"), bd("1000"), bd("1000"),
                                BigDecimal.ZERO, BigDecimal.ZERO, true)),
                List.of(new PortfolioSnapshot.PositionView("BTC<USDT>", AssetClass.SPOT, Side.BUY, bd("0.010"), bd("43000"),
                        bd("42000"), bd("43100"), bd("1.0"), 1_700_000_000_000L, true, BigDecimal.ONE)));
    }
}
