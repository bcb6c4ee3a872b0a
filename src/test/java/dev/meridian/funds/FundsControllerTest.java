package dev.meridian.funds;

import dev.meridian.core.AssetClass;
import dev.meridian.core.Mode;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class FundsControllerTest {
    private final FundsState defaults = FundsState.defaults(
            Map.of(AssetClass.SPOT, new BigDecimal("14000"), AssetClass.OPTIONS, new BigDecimal("1000")), new BigDecimal("0.10"));

    @Test
    void defaultsAreFundsOffAndClassesWithAllocationOn() {
        assertThat(defaults.allowFunds()).isFalse();
        assertThat(defaults.paused()).isFalse();
        assertThat(defaults.enabled(AssetClass.SPOT)).isTrue();
        assertThat(defaults.enabled(AssetClass.OPTIONS)).isTrue();
        assertThat(defaults.enabled(AssetClass.PERP)).isFalse();
        assertThat(defaults.enabled(AssetClass.FOREX)).isFalse();
        assertThat(FundsController.toApi(defaults)).containsEntry("max_pair_pct", new BigDecimal("10"))
                .containsEntry("strategy_mode", "AUTO");
    }

    @Test
    void partialChangeTouchesOnlyGivenFields() {
        FundsController.Result r = FundsController.apply(defaults,
                Map.of("paused", true, "asset_classes", Map.of("PERP", true), "max_pair_pct", 5, "strategy_mode", "swing"));
        assertThat(r.ok()).isTrue();
        assertThat(r.state().paused()).isTrue();
        assertThat(r.state().allowFunds()).isFalse();
        assertThat(r.state().enabled(AssetClass.PERP)).isTrue();
        assertThat(r.state().enabled(AssetClass.SPOT)).isTrue();
        assertThat(r.state().maxPairFraction()).isEqualByComparingTo("0.05");
        assertThat(r.state().strategyMode()).isEqualTo(Optional.of(Mode.SWING));
        assertThat(r.state().entriesAllowed(AssetClass.SPOT)).isFalse();
    }

    @Test
    void anyBadFieldRejectsTheWholeChangeNamingTheField() {
        assertThat(FundsController.apply(defaults, Map.of("allow_funds", "yes")).error()).startsWith("allow_funds");
        assertThat(FundsController.apply(defaults, Map.of("max_pair_pct", 7)).error()).startsWith("max_pair_pct");
        assertThat(FundsController.apply(defaults, Map.of("max_pair_pct", 10.5)).error()).startsWith("max_pair_pct");
        assertThat(FundsController.apply(defaults, Map.of("asset_classes", Map.of("BONDS", true))).error()).startsWith("asset_classes.BONDS");
        assertThat(FundsController.apply(defaults, Map.of("strategy_mode", "YOLO")).error()).startsWith("strategy_mode");
        assertThat(FundsController.apply(defaults, Map.of("allow_fund", true)).error()).contains("unknown field 'allow_fund'");
        assertThat(FundsController.apply(defaults, Map.of()).error()).contains("at least one");
    }

    @Test
    void apiViewRoundTripsThroughApply() {
        FundsState changed = FundsController.apply(defaults, Map.of("allow_funds", true, "max_pair_pct", 2)).state();
        FundsState restored = FundsController.apply(defaults, FundsController.toApi(changed)).state();
        assertThat(restored).isEqualTo(changed);
    }
}
