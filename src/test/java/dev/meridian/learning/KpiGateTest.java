package dev.meridian.learning;

import dev.meridian.config.KpiThresholds;
import dev.meridian.learning.KpiReport;
import dev.meridian.learning.KpiSample.Source;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

class KpiGateTest {
    /** The SPOT row of asset_kpi_policy.json. */
    private static final KpiThresholds SPOT = new KpiThresholds(50, BigDecimal.ZERO, 2.0, 3.0, 1.2, new BigDecimal("0.15"));

    /** Passes SPOT on every check; each test spoils one figure. */
    private static Report good() { return new Report(60, 0.0015, 2.5, 3.5, 2.0, 0.05); }

    private record Report(int trades, double expectancy, double sharpe, double sortino, double calmar, double maxDrawdown) {
        KpiReport build() {
            return new KpiReport(trades, sharpe, sortino, calmar, maxDrawdown, expectancy, 0.55, 1.3, 0.4,
                    trades == 0 ? 0 : 30, Map.of(Source.PAPER, trades, Source.LIVE, 0, Source.BACKTEST, 0));
        }
        Report trades(int v) { return new Report(v, expectancy, sharpe, sortino, calmar, maxDrawdown); }
        Report expectancy(double v) { return new Report(trades, v, sharpe, sortino, calmar, maxDrawdown); }
        Report sharpe(double v) { return new Report(trades, expectancy, v, sortino, calmar, maxDrawdown); }
        Report sortino(double v) { return new Report(trades, expectancy, sharpe, v, calmar, maxDrawdown); }
        Report calmar(double v) { return new Report(trades, expectancy, sharpe, sortino, v, maxDrawdown); }
        Report maxDrawdown(double v) { return new Report(trades, expectancy, sharpe, sortino, calmar, v); }
    }

    private static KpiGate.Verdict judge(Report r) { return KpiGate.judge(r.build(), SPOT); }

    private static void assertOnlyFails(KpiGate.Verdict v, String key, String reason) {
        assertThat(v.eligibleLive()).isFalse();
        assertThat(v.reasons()).containsExactly(reason);
        v.pass().forEach((k, ok) -> assertThat(ok).as(k).isEqualTo(!k.equals(key)));
    }

    @Test
    void aRecordPassingEveryThresholdIsEligible() {
        KpiGate.Verdict v = judge(good());
        assertThat(v.eligibleLive()).isTrue();
        assertThat(v.reasons()).isEmpty();
        assertThat(v.pass()).containsExactly(entry("trades", true), entry("expectancy", true), entry("sharpe", true),
                entry("sortino", true), entry("calmar", true), entry("max_drawdown", true));
    }

    @Test
    void negativeExpectancyIsRefusedWithItsReason() {
        assertOnlyFails(judge(good().expectancy(-0.0021)), "expectancy", "expectancy -0.0021 after fees is not above 0");
    }

    @Test
    void expectancyEqualToTheFloorIsRefused() {
        // strictly above: break-even after fees is not an edge
        assertOnlyFails(judge(good().expectancy(0)), "expectancy", "expectancy 0.0000 after fees is not above 0");
    }

    @Test
    void tooFewTradesAreRefusedHoweverGoodTheRatios() {
        assertOnlyFails(judge(good().trades(12)), "trades", "12 trades of evidence, needs 50");
        assertThat(judge(good().trades(50)).eligibleLive()).isTrue();
    }

    @Test
    void eachRatioBelowItsMinimumIsRefused() {
        assertOnlyFails(judge(good().sharpe(0.84)), "sharpe", "Sharpe 0.84 below 2.0");
        assertOnlyFails(judge(good().sortino(2.5)), "sortino", "Sortino 2.50 below 3.0");
        assertOnlyFails(judge(good().calmar(1.1)), "calmar", "Calmar 1.10 below 1.2");
        assertOnlyFails(judge(good().maxDrawdown(0.172)), "max_drawdown", "max drawdown 17.2% above 15%");
    }

    @Test
    void boundariesAreInclusiveForRatiosAndDrawdown() {
        assertThat(judge(good().sharpe(2.0).sortino(3.0).calmar(1.2).maxDrawdown(0.15)).eligibleLive()).isTrue();
    }

    @Test
    void nanFailsEveryCheck() {
        assertOnlyFails(judge(good().sharpe(Double.NaN)), "sharpe", "Sharpe undefined, needs 2.0");
        assertOnlyFails(judge(good().sortino(Double.NaN)), "sortino", "Sortino undefined, needs 3.0");
        assertOnlyFails(judge(good().calmar(Double.NaN)), "calmar", "Calmar undefined, needs 1.2");
        assertOnlyFails(judge(good().expectancy(Double.NaN)), "expectancy", "expectancy undefined, needs above 0");
        assertOnlyFails(judge(good().maxDrawdown(Double.NaN)), "max_drawdown", "max drawdown undefined, needs at most 15%");
    }

    @Test
    void anEmptyRecordFailsEverything() {
        KpiGate.Verdict v = KpiGate.judge(KpiReport.empty(), SPOT);
        assertThat(v.eligibleLive()).isFalse();
        assertThat(v.pass()).doesNotContainValue(true);
        assertThat(v.reasons()).hasSize(6).first().isEqualTo("0 trades of evidence, needs 50");
    }

    @Test
    void infinityPassesAMinimum() {
        // e.g. a record with no losing day: Sortino and Calmar are +Infinity
        KpiGate.Verdict v = judge(good().sharpe(Double.POSITIVE_INFINITY).sortino(Double.POSITIVE_INFINITY)
                .calmar(Double.POSITIVE_INFINITY).maxDrawdown(0));
        assertThat(v.eligibleLive()).isTrue();
        assertOnlyFails(judge(good().sharpe(Double.NEGATIVE_INFINITY)), "sharpe", "Sharpe -Infinity below 2.0");
    }

    @Test
    void thresholdsAsJsonUseThePolicyKeys() {
        assertThat(KpiGate.thresholdsJson(SPOT)).containsExactly(entry("min_trades", 50),
                entry("min_expectancy", BigDecimal.ZERO), entry("min_sharpe", 2.0), entry("min_sortino", 3.0),
                entry("min_calmar", 1.2), entry("max_drawdown", new BigDecimal("0.15")));
    }
}
