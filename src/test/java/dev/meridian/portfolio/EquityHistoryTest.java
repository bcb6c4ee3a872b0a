package dev.meridian.portfolio;

import dev.meridian.core.AssetClass;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class EquityHistoryTest {
    private static BigDecimal d(String s) { return new BigDecimal(s); }

    @Test
    void eachPointSumsEverySubLedgersLatestEquityAndMergesPointsAtOneTime() {
        Map<AssetClass, BigDecimal> before = Map.of(AssetClass.SPOT, d("14000"), AssetClass.OPTIONS, d("1000"),
                AssetClass.PERP, d("0"), AssetClass.FOREX, d("0"));
        EquityHistory h = EquityHistory.carryForward(before, List.of(
                new LedgerStore.EquityPoint(AssetClass.SPOT, 1_000, d("13999.98")),
                new LedgerStore.EquityPoint(AssetClass.OPTIONS, 2_000, d("1000.50")),
                new LedgerStore.EquityPoint(AssetClass.SPOT, 2_000, d("14000.10")),
                new LedgerStore.EquityPoint(AssetClass.SPOT, 3_000, d("13999.90"))));

        assertThat(h.points()).extracting(EquityHistory.Point::timeMs).containsExactly(1_000L, 2_000L, 3_000L);
        assertThat(h.points()).extracting(EquityHistory.Point::totalEquity)
                .containsExactly(d("14999.98"), d("15000.60"), d("15000.40"));
        assertThat(h.points().get(2).subLedgers()).containsEntry(AssetClass.OPTIONS, d("1000.50"))
                .containsEntry(AssetClass.SPOT, d("13999.90"));
    }

    @Test
    void noStoredPointsIsAnEmptyHistory() {
        assertThat(EquityHistory.carryForward(Map.of(AssetClass.SPOT, d("1")), List.of()).points()).isEmpty();
    }
}
