package dev.meridian.risk;

import dev.meridian.core.AssetClass;
import dev.meridian.core.Side;
import dev.meridian.exchange.VenuePosition;
import dev.meridian.portfolio.PortfolioSnapshot;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class LiveLiquidationWatchTest {
    private final RiskRails rails = new RiskRails(Map.of(AssetClass.SPOT, new BigDecimal("0.15"), AssetClass.PERP,
            new BigDecimal("0.15"), AssetClass.OPTIONS, new BigDecimal("0.12"), AssetClass.FOREX, new BigDecimal("0.12")),
            new BigDecimal("0.03"), new BigDecimal("0.005"), new BigDecimal("0.20"), 2);

    /** A live short at 60,000 with its stop at 61,200 (2 %), 3× leverage. */
    private static PortfolioSnapshot heldShort(boolean paper) {
        return new PortfolioSnapshot(new BigDecimal("5000"), List.of(), List.of(new PortfolioSnapshot.PositionView("BTCUSDT",
                AssetClass.PERP, Side.SELL, new BigDecimal("0.002"), new BigDecimal("60000"), new BigDecimal("61200"),
                new BigDecimal("60000"), BigDecimal.ZERO, 0, paper, new BigDecimal("3"))));
    }

    private static VenuePosition frame(String liq) {
        return new VenuePosition("bybit-linear", "BTCUSDT", new BigDecimal("-0.002"),
                liq == null ? Optional.empty() : Optional.of(new BigDecimal(liq)), Optional.of(new BigDecimal("60000")), 1);
    }

    @Test
    void aVenueLiquidationPriceTooNearTheStopHaltsPerpEntriesUntilItMovesAway() {
        LiveLiquidationWatch w = new LiveLiquidationWatch(rails);
        // Buffer needed: 0.20 × 60,000 = 12,000 above the stop, so liq must be ≥ 73,200. The estimate at 3×
        // (≈ 79,700) would pass; the venue says 72,000 (its collateral view differs): 10,800 < 12,000.
        assertThat(w.onVenuePosition(frame("72000"), heldShort(false))).isTrue();
        assertThat(w.blocksPerpEntries()).hasValueSatisfying(m -> assertThat(m).contains("BTCUSDT").contains("72000")
                .contains("liq_buffer_pct"));
        assertThat(w.onVenuePosition(frame("72000"), heldShort(false))).as("the same verdict is no change").isFalse();
        assertThat(w.onVenuePosition(frame("80000"), heldShort(false))).isTrue();
        assertThat(w.blocksPerpEntries()).isEmpty();
        // A stop beyond the liquidation price is a breach too.
        w.onVenuePosition(frame("61000"), heldShort(false));
        assertThat(w.breach("BTCUSDT")).hasValueSatisfying(m -> assertThat(m).contains("beyond"));
        // Flat, or no liquidation price: cleared.
        w.onVenuePosition(frame(null), heldShort(false));
        assertThat(w.blocksPerpEntries()).isEmpty();
    }

    @Test
    void paperPositionsAndFramesForPositionsWeDoNotHoldAreNotJudged() {
        LiveLiquidationWatch w = new LiveLiquidationWatch(rails);
        assertThat(w.onVenuePosition(frame("61000"), heldShort(true))).isFalse();
        assertThat(w.onVenuePosition(frame("61000"), new PortfolioSnapshot(BigDecimal.ZERO, List.of(), List.of()))).isFalse();
        assertThat(w.blocksPerpEntries()).isEmpty();
    }

    @Test
    void noCountedRefusalComesFromWatchingOpenPositions() {
        LiveLiquidationWatch w = new LiveLiquidationWatch(rails);
        w.onVenuePosition(frame("72000"), heldShort(false));
        assertThat(rails.refusalsByReason().getOrDefault("LIQ_BUFFER", 0L)).isZero();
    }
}
