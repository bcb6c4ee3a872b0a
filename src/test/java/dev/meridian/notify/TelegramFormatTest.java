package dev.meridian.notify;

import static dev.meridian.notify.TelegramFixtures.bd;
import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.core.AssetClass;
import dev.meridian.core.Fill;
import dev.meridian.core.Order;
import dev.meridian.exchange.ExecStatus;
import dev.meridian.market.MarketStatus;
import dev.meridian.core.RiskState;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TelegramFormatTest {
    @Test
    void aClosedTradeShowsItsNetPnlAndEscapesTheSymbol() {
        String m = TelegramFormat.closedTrade(TelegramFixtures.trade("A&B<1>", "0.8775"));
        assertThat(m).contains("A&amp;B&lt;1&gt;").doesNotContain("A&B").contains("net P&amp;L <b>+0.88</b> USD (+1.76 %)")
                .contains("SPOT, SWING, BUY, paper").contains("fees 0.10, slippage 0.01");
        assertThat(TelegramFormat.closedTrade(TelegramFixtures.trade("X", "-3.5"))).contains("<b>-3.50</b>");
    }

    @Test
    void aFillShowsSideQuantityPriceAndPaper() {
        assertThat(TelegramFormat.fill(TelegramFixtures.fill("ETHUSDT")))
                .startsWith("<b>Fill</b> BUY 0.5 ETHUSDT @ 100.1").contains("SPOT · SCALP · entry · paper").contains("fee 0.05");
    }

    @Test
    void aForexFillNamesTheCurrenciesOfItsCosts() {
        Fill spot = TelegramFixtures.fill("USD_JPY");
        Order o = spot.order();
        Order fx = new Order(o.id(), o.source(), o.seq(), o.timeMs(), "USD_JPY", AssetClass.FOREX, o.side(), true,
                new BigDecimal("1000"), new BigDecimal("150.000"), new BigDecimal("149.700"), BigDecimal.ONE,
                o.equityBefore(), new BigDecimal("1000"), BigDecimal.ONE, o.mode(), o.regime(), o.session(), 0.6, false, "RISK", true);
        // 1,000 units at 150.030: fee 10 bps of 1,000 USD = 1 USD, slippage 1,000 × 0.03 = 30 JPY.
        Fill f = new Fill("f-fx", fx, new BigDecimal("1000"), new BigDecimal("150.030"), BigDecimal.ONE,
                new BigDecimal("30"), o.timeMs());
        assertThat(TelegramFormat.fill(f)).endsWith("fee 1.00 USD, slippage 30.00 JPY");
        assertThat(TelegramFormat.fill(TelegramFixtures.fill("ETHUSDT"))).endsWith("slippage 0.05");
    }

    @Test
    void fundsChangesListOnlyTheFieldsThatChanged() {
        String m = TelegramFormat.fundsChanged(TelegramFixtures.funds(false), TelegramFixtures.funds(true));
        assertThat(m).isEqualTo("<b>Funds controls changed</b>\npaused: false → true");
    }

    @Test
    void commandRepliesEscapeValuesAndShowMissingModulesAsUnavailable() {
        String positions = TelegramFormat.positions(TelegramFixtures.snapshot());
        assertThat(positions).contains("BTC&lt;USDT&gt; SPOT BUY 0.01 @ 43000").contains("uPnL +1.00 (paper)");
        assertThat(TelegramFormat.positions(null)).contains("unavailable");
        String status = TelegramFormat.status(null, TelegramFixtures.funds(true),
                new RiskState(Map.of(AssetClass.SPOT, "daily loss <3%>"), Map.of()), null);
        assertThat(status).contains("market data: unavailable").contains("paused: <b>YES</b>")
                .contains("halt SPOT: daily loss &lt;3%&gt;").contains("equity: unavailable")
                .contains("asset classes on: SPOT, OPTIONS").contains("allow funds: OFF");
        String pnl = TelegramFormat.pnl(TelegramFixtures.snapshot(), Map.of(AssetClass.SPOT, new DailyPnl.Day(bd("4.5"), 3)));
        assertThat(pnl).contains("today SPOT: +4.50 (3 trades)").contains("SPOT: equity 14012.35, realized net +12.35, unrealized -0.50")
                .contains("OPTIONS: equity 1000.00, realized net 0.00, unrealized 0.00, HALTED");
    }

    @Test
    void theDailySummaryHasNetPnlPerSubLedgerAndSaysWhenKpisAreMissing() {
        String m = TelegramFormat.dailySummary(LocalDate.of(2024, 3, 1),
                Map.of(AssetClass.SPOT, new DailyPnl.Day(bd("10"), 2), AssetClass.PERP, new DailyPnl.Day(bd("-2.5"), 1)),
                TelegramFixtures.snapshot(), null);
        assertThat(m).startsWith("<b>Daily summary 2024-03-01 (UTC)</b>").contains("SPOT: +10.00 USD, 2 trades")
                .contains("PERP: -2.50 USD, 1 trade").contains("all: +7.50 USD, 3 trades").contains("KPIs: unavailable");
    }

    @Test
    void kpiRatiosShowUndefinedAndInfinite() {
        assertThat(TelegramFormat.ratio(Double.NaN)).isEqualTo("n/a");
        assertThat(TelegramFormat.ratio(Double.POSITIVE_INFINITY)).isEqualTo("∞");
        assertThat(TelegramFormat.ratio(1.234)).isEqualTo("1.23");
        assertThat(TelegramFormat.pct(0.5)).isEqualTo("50.0 %");
    }

    @Test
    void everyMessageTagIsClosedOnItsOwnLine() {
        List<String> all = List.of(TelegramFormat.HELP, TelegramFormat.closedTrade(TelegramFixtures.trade("X", "1")),
                TelegramFormat.fill(TelegramFixtures.fill("Y")), TelegramFormat.positions(TelegramFixtures.snapshot()),
                TelegramFormat.status(null, TelegramFixtures.funds(false), null, TelegramFixtures.snapshot()));
        for (String m : all) {
            for (String line : m.split("\n")) {
                for (String tag : List.of("b", "i", "code")) {
                    int open = line.split("<" + tag + ">", -1).length - 1;
                    int close = line.split("</" + tag + ">", -1).length - 1;
                    assertThat(open).as(line).isEqualTo(close);
                }
            }
        }
    }

    @Test
    void transitionsAnnounceChangesOnlyOnce() {
        Transitions t = new Transitions();
        t.seedRisk(new RiskState(Map.of(AssetClass.PERP, "max drawdown"), Map.of()));
        assertThat(t.onRisk(new RiskState(Map.of(AssetClass.PERP, "max drawdown"), Map.of()))).isEmpty();
        assertThat(t.onRisk(new RiskState(Map.of(AssetClass.PERP, "max drawdown", AssetClass.SPOT, "daily loss"), Map.of())))
                .containsExactly(TelegramFormat.halted(AssetClass.SPOT, "daily loss"));
        assertThat(t.onRisk(new RiskState(Map.of(AssetClass.SPOT, "daily loss"), Map.of())))
                .containsExactly(TelegramFormat.haltLifted(AssetClass.PERP));

        t.seedFunds(TelegramFixtures.funds(false));
        assertThat(t.onFunds(TelegramFixtures.funds(false))).isEmpty();
        assertThat(t.onFunds(TelegramFixtures.funds(true))).hasSize(1);

        assertThat(t.onMarket(market("LIVE", "CONNECTING", List.of()))).isEmpty();
        assertThat(t.onMarket(market("LIVE", "CONNECTED", List.of()))).isEmpty();
        assertThat(t.onMarket(market("LIVE", "RECONNECTING", List.of()))).singleElement().asString()
                .contains("Connector problem").contains("spot").contains("RECONNECTING");
        assertThat(t.onMarket(market("LIVE", "RECONNECTING", List.of()))).isEmpty();
        assertThat(t.onMarket(market("LIVE", "CONNECTING", List.of()))).isEmpty();
        assertThat(t.onMarket(market("LIVE", "CONNECTED", List.of()))).singleElement().asString().contains("Connector recovered");
        assertThat(t.onMarket(market("FAILED", "CONNECTED", List.of()))).singleElement().asString().contains("FAILED");
        assertThat(t.onMarket(market("LIVE", "CONNECTED", List.of("tickers.X")))).hasSize(2);

        assertThat(t.onExec(new ExecStatus(List.of(new ExecStatus.Venue("bybit-spot", true, "ok")), 0))).isEmpty();
        assertThat(t.onExec(new ExecStatus(List.of(new ExecStatus.Venue("bybit-spot", false, "auth <failed>")), 0)))
                .singleElement().asString().contains("live venue bybit-spot: auth &lt;failed&gt;");
        assertThat(t.onExec(new ExecStatus(List.of(new ExecStatus.Venue("bybit-spot", true, "ok")), 0))).hasSize(1);
    }

    private static MarketStatus market(String state, String conn, List<String> failed) {
        return new MarketStatus("bybit", "LIVE", state, 0, 0, 0,
                List.of(new MarketStatus.Connection("spot", conn, 0, 0, failed)), Set.of(), Map.of(), Map.of());
    }
}
