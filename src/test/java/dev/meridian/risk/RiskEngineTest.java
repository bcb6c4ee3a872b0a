package dev.meridian.risk;

import dev.meridian.learning.KpiGates;
import dev.meridian.core.AssetClass;
import dev.meridian.core.Mode;
import dev.meridian.core.Regime;
import dev.meridian.core.SessionLabel;
import dev.meridian.core.Side;
import dev.meridian.funds.FundsController;
import dev.meridian.funds.FundsState;
import dev.meridian.portfolio.PortfolioSnapshot;
import dev.meridian.strategy.TradeIntent;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import dev.meridian.config.KpiThresholds;
import dev.meridian.core.Order;
import dev.meridian.learning.KpiBook;
import dev.meridian.learning.KpiSample;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class RiskEngineTest {
    private final RiskRails rails = new RiskRails(Map.of(AssetClass.SPOT, new BigDecimal("0.15"), AssetClass.PERP,
            new BigDecimal("0.15"), AssetClass.OPTIONS, new BigDecimal("0.12"), AssetClass.FOREX, new BigDecimal("0.12")),
            new BigDecimal("0.03"), new BigDecimal("0.005"), new BigDecimal("0.20"), 2);
    private final RiskEngine engine = new RiskEngine(new Sizer(SizerTest.SPEC), rails, (session, assetClass) -> BigDecimal.ONE,
            new KpiGates(new dev.meridian.learning.KpiBook(90), (a, m) -> java.util.Optional.empty()));
    private final FundsState funds = FundsState.defaults(Map.of(AssetClass.SPOT, new BigDecimal("14000")), new BigDecimal("0.10"));

    static TradeIntent intent(String symbol, boolean entry) {
        return new TradeIntent("src", 42, 1_000, symbol, AssetClass.SPOT, entry ? Side.BUY : Side.SELL, entry,
                Mode.INTRADAY_TREND, Regime.RANGE, SessionLabel.EU, new BigDecimal("800"), 5.0, new BigDecimal("790"), 0.4, "test");
    }

    static PortfolioSnapshot portfolio(String... heldSymbols) {
        return portfolio(new BigDecimal("14000"), heldSymbols);
    }

    static PortfolioSnapshot portfolio(BigDecimal equity, String... heldSymbols) {
        List<PortfolioSnapshot.PositionView> held = java.util.Arrays.stream(heldSymbols)
                .map(s -> new PortfolioSnapshot.PositionView(s, AssetClass.SPOT, Side.BUY, new BigDecimal("0.0125"),
                        new BigDecimal("800"), new BigDecimal("790"), new BigDecimal("800"), BigDecimal.ZERO, 0, true, BigDecimal.ONE))
                .toList();
        PortfolioSnapshot.SubLedgerView spot = new PortfolioSnapshot.SubLedgerView(AssetClass.SPOT, equity,
                equity.subtract(BigDecimal.TEN), new BigDecimal("14000"), BigDecimal.ZERO, BigDecimal.ZERO, false);
        return new PortfolioSnapshot(equity, List.of(spot), held);
    }

    @Test
    void approvedEntryIsAFixedTenDollarPaperOrderWithADeterministicId() {
        RiskEngine.Decision d = engine.decide(intent("BTCUSD", true), funds, portfolio());
        assertThat(d.rejected()).isNull();
        assertThat(d.order().qty()).isEqualByComparingTo("0.0125");
        assertThat(d.order().paper()).isTrue();
        assertThat(d.order().id()).isEqualTo(RiskEngine.orderId(intent("BTCUSD", true)));
    }

    @Test
    void fundsControlsBlockEntriesButNeverExits() {
        FundsState paused = FundsController.apply(funds, Map.of("paused", true)).state();
        assertThat(engine.decide(intent("BTCUSD", true), paused, portfolio()).rejected().reason()).contains("paused");
        FundsState spotOff = FundsController.apply(funds, Map.of("asset_classes", Map.of("SPOT", false))).state();
        assertThat(engine.decide(intent("BTCUSD", true), spotOff, portfolio()).rejected().reason()).contains("SPOT is off");
        RiskEngine.Decision exit = engine.decide(intent("BTCUSD", false), paused, portfolio("BTCUSD"));
        assertThat(exit.order()).isNotNull();
        assertThat(exit.order().qty()).isEqualByComparingTo("0.0125");
    }

    @Test
    void railsRefuseWithTheirReason() {
        assertThat(engine.decide(intent("BTCUSD", true), funds, portfolio("BTCUSD")).rejected().reason()).contains("ONE_PER_SYMBOL");
        assertThat(engine.decide(intent("XRPUSD", true), funds, portfolio("BTCUSD", "ETHUSD")).rejected().reason()).contains("MAX_POSITIONS");
        assertThat(engine.decide(intent("BTCUSD", false), funds, portfolio()).rejected().reason()).contains("no open position");
    }

    @Test
    void aDrawdownBeyondTheAssetClassLimitHaltsEntriesButNotExits() {
        assertThat(engine.decide(intent("BTCUSD", true), funds, portfolio(new BigDecimal("14000"))).order()).isNotNull();
        // 15 % below the 14,000 peak: SPOT's limit.
        RiskEngine.Decision halted = engine.decide(intent("BTCUSD", true), funds, portfolio(new BigDecimal("11900")));
        assertThat(halted.rejected().reason()).contains("MAX_DRAWDOWN");
        assertThat(engine.decide(intent("BTCUSD", false), funds, portfolio(new BigDecimal("11900"), "BTCUSD")).order()).isNotNull();
        assertThat(rails.refusalsByReason()).containsEntry("MAX_DRAWDOWN", 1L);
    }

    @Test
    void anInstrumentMinimumAboveTenDollarsSkipsTheEntryInsteadOfUpsizing() {
        Sizer.Filter minNotional20 = new Sizer.Filter(new BigDecimal("0.000001"), BigDecimal.ZERO, new BigDecimal("20"));
        RiskEngine.Decision d = engine.decide(intent("BTCUSD", true), funds, portfolio(), java.util.Optional.of(minNotional20));
        assertThat(d.order()).isNull();
        assertThat(d.rejected().reason()).contains("MIN_ORDER");
    }

    @Test
    void allowFundsAloneKeepsAnUnprovenModeOnPaper() {
        FundsState live = FundsController.apply(funds, Map.of("allow_funds", true)).state();
        Order o = engine.decide(intent("BTCUSD", true), live, portfolio()).order();
        assertThat(o.paper()).isTrue();
        assertThat(o.goodSetup()).isFalse();
    }

    @Test
    void aProvenModeGoesLiveWithAllowFundsAndItsStrongSignalsAreGoodSetups() {
        RiskEngine proven = provenIn(AssetClass.SPOT, Mode.INTRADAY_TREND, new BigDecimal("100"), new BigDecimal("14000"));
        FundsState live = FundsController.apply(funds, Map.of("allow_funds", true)).state();
        TradeIntent strong = new TradeIntent("src", 42, 1_000, "BTCUSD", AssetClass.SPOT, Side.BUY, true,
                Mode.INTRADAY_TREND, Regime.TREND_UP, SessionLabel.EU, new BigDecimal("800"), 5.0, new BigDecimal("790"), 0.9, "test");
        Order o = proven.decide(strong, live, portfolio()).order();
        assertThat(o.paper()).isFalse();
        assertThat(o.goodSetup()).isTrue();
        // The same evidence with Allow Funds OFF: still a good setup, but on paper.
        assertThat(proven.decide(strong, funds, portfolio()).order().paper()).isTrue();
        // Another mode has no evidence: paper and never a good setup, whatever its score.
        TradeIntent swing = new TradeIntent("src", 43, 1_000, "ETHUSD", AssetClass.SPOT, Side.BUY, true,
                Mode.SWING, Regime.TREND_UP, SessionLabel.EU, new BigDecimal("800"), 5.0, new BigDecimal("790"), 0.9, "test");
        Order s = proven.decide(swing, live, portfolio()).order();
        assertThat(s.paper()).isTrue();
        assertThat(s.goodSetup()).isFalse();
    }

    @Test
    void aPackageIntentSkipsTheSizerGoesPaperAtItsTicketAndStillMeetsTheFundsAndTheHalts() {
        dev.meridian.core.PackageTicket ticket = new dev.meridian.core.PackageTicket(new BigDecimal("0.04"), new BigDecimal("53.5"),
                new BigDecimal("0.04"), new BigDecimal("9.74"), new BigDecimal("9.74"));
        TradeIntent in = new TradeIntent("src", 7, 1_000, "SYNTHETIC BTCUSD IRON_CONDOR 6DEC13 +490P -625P -1300C +1595C",
                AssetClass.OPTIONS, Side.SELL, true, Mode.OPTIONS, Regime.RANGE, SessionLabel.ASIA, new BigDecimal("53.8"), 0,
                BigDecimal.ZERO, 0.7, "condor", ticket);
        PortfolioSnapshot.SubLedgerView options = new PortfolioSnapshot.SubLedgerView(AssetClass.OPTIONS, new BigDecimal("1000"),
                new BigDecimal("1000"), new BigDecimal("1000"), BigDecimal.ZERO, BigDecimal.ZERO, false);
        PortfolioSnapshot book = new PortfolioSnapshot(new BigDecimal("1000"), List.of(options), List.of());
        FundsState f = FundsState.defaults(Map.of(AssetClass.OPTIONS, new BigDecimal("1000")), new BigDecimal("0.10"));
        Order o = engine.decide(in, f, book).order();
        assertThat(o).isNotNull();
        assertThat(o.qty()).isEqualByComparingTo("0.04");
        assertThat(o.sizeUsd()).isEqualByComparingTo("9.74");
        assertThat(o.riskUsd()).isEqualByComparingTo("9.74");
        assertThat(o.leverage()).isEqualByComparingTo("1");
        assertThat(o.side()).isEqualTo(Side.SELL);
        assertThat(o.paper()).isTrue();
        assertThat(o.boundBy()).isEqualTo("OPTIONS_MAX_LOSS");
        assertThat(o.packageTicket()).contains(ticket);

        FundsState off = FundsController.apply(f, Map.of("asset_classes", Map.of("OPTIONS", false))).state();
        assertThat(engine.decide(in, off, book).rejected().reason()).contains("OPTIONS is off");
        // A 15 % drawdown halts the sub-ledger's entries, packages included.
        rails.observe(AssetClass.OPTIONS, new BigDecimal("1000"), 0);
        PortfolioSnapshot.SubLedgerView down = new PortfolioSnapshot.SubLedgerView(AssetClass.OPTIONS, new BigDecimal("800"),
                new BigDecimal("800"), new BigDecimal("1000"), new BigDecimal("-200"), BigDecimal.ZERO, false);
        assertThat(engine.decide(in, f, new PortfolioSnapshot(new BigDecimal("800"), List.of(down), List.of())).rejected().reason())
                .startsWith("rail ");
    }

    @Test
    void aProvenPackageOnTheVenuesChainGoesLiveWithAllowFundsAndOneOnTheSyntheticChainStaysPaper() {
        RiskEngine proven = provenIn(AssetClass.OPTIONS, Mode.OPTIONS, new BigDecimal("10"), new BigDecimal("1000"));
        PortfolioSnapshot.SubLedgerView options = new PortfolioSnapshot.SubLedgerView(AssetClass.OPTIONS, new BigDecimal("1000"),
                new BigDecimal("1000"), new BigDecimal("1000"), BigDecimal.ZERO, BigDecimal.ZERO, false);
        PortfolioSnapshot book2 = new PortfolioSnapshot(new BigDecimal("1000"), List.of(options), List.of());
        FundsState live = FundsController.apply(FundsState.defaults(Map.of(AssetClass.OPTIONS, new BigDecimal("1000")),
                new BigDecimal("0.10")), Map.of("allow_funds", true)).state();
        List<dev.meridian.core.TicketLeg> legs = List.of(
                new dev.meridian.core.TicketLeg("BTC-27DEC26-100000-C", Side.BUY, new BigDecimal("0.01"), new BigDecimal("1500")),
                new dev.meridian.core.TicketLeg("BTC-27DEC26-105000-C", Side.SELL, new BigDecimal("0.01"), new BigDecimal("700")));
        for (boolean synthetic : List.of(false, true)) {
            dev.meridian.core.PackageTicket ticket = new dev.meridian.core.PackageTicket(new BigDecimal("0.01"), new BigDecimal("800"),
                    new BigDecimal("0.06"), new BigDecimal("8"), new BigDecimal("8"), legs, synthetic);
            TradeIntent in = new TradeIntent("src", 8, 1_000, (synthetic ? "SYNTHETIC " : "") + "BTC BULL_CALL_SPREAD 27DEC26 +100000C -105000C",
                    AssetClass.OPTIONS, Side.BUY, true, Mode.OPTIONS, Regime.TREND_UP, SessionLabel.EU, new BigDecimal("790"), 0,
                    BigDecimal.ZERO, 0.7, "spread", ticket);
            assertThat(proven.decide(in, live, book2).order().paper()).as("synthetic " + synthetic).isEqualTo(synthetic);
            // Allow Funds OFF: paper either way.
            assertThat(proven.decide(in, FundsController.apply(live, Map.of("allow_funds", false)).state(), book2).order().paper()).isTrue();
        }
    }

    /**
     * An engine whose KPI gate lets ({@code c}, {@code mode}) go live: two winning days (+1 on
     * {@code sizeUsd} of {@code equity}) against a two-trade gate, so every ratio is +∞ or passes.
     */
    private RiskEngine provenIn(AssetClass c, Mode mode, BigDecimal sizeUsd, BigDecimal equity) {
        KpiBook book = new KpiBook(90);
        for (int d = 0; d < 2; d++) {
            long exit = -3 * 86_400_000L + d * 86_400_000L;
            book.add(c, mode, new KpiSample(exit - 60_000, exit, BigDecimal.ONE, sizeUsd, equity, KpiSample.Source.PAPER));
        }
        KpiThresholds gate = new KpiThresholds(2, BigDecimal.ZERO, 1, 1, 1, new BigDecimal("0.15"));
        return new RiskEngine(new Sizer(SizerTest.SPEC), rails, (session, assetClass) -> BigDecimal.ONE,
                new KpiGates(book, (a, m) -> a == c && m == mode ? Optional.of(gate) : Optional.empty()));
    }
}
