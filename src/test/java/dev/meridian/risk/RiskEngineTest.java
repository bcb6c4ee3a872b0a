package dev.meridian.risk;

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

import static org.assertj.core.api.Assertions.assertThat;

class RiskEngineTest {
    private final RiskRails rails = new RiskRails(Map.of(AssetClass.SPOT, new BigDecimal("0.15"), AssetClass.PERP,
            new BigDecimal("0.15"), AssetClass.OPTIONS, new BigDecimal("0.12"), AssetClass.FOREX, new BigDecimal("0.12")),
            new BigDecimal("0.03"), new BigDecimal("0.005"), new BigDecimal("0.20"), 2);
    private final RiskEngine engine = new RiskEngine(new Sizer(SizerTest.SPEC), rails, (session, assetClass) -> BigDecimal.ONE);
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
                        new BigDecimal("800"), new BigDecimal("790"), new BigDecimal("800"), BigDecimal.ZERO, 0))
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
    void allowFundsMakesTheOrderEligibleForLive() {
        FundsState live = FundsController.apply(funds, Map.of("allow_funds", true)).state();
        assertThat(engine.decide(intent("BTCUSD", true), live, portfolio()).order().paper()).isFalse();
    }
}
