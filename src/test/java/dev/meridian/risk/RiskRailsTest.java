package dev.meridian.risk;

import dev.meridian.core.AssetClass;
import dev.meridian.core.Side;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import static dev.meridian.core.AssetClass.FOREX;
import static dev.meridian.core.AssetClass.OPTIONS;
import static dev.meridian.core.AssetClass.PERP;
import static dev.meridian.core.AssetClass.SPOT;
import static org.assertj.core.api.Assertions.assertThat;

class RiskRailsTest {
    static final Map<AssetClass, BigDecimal> DD = Map.of(SPOT, bd("0.15"), PERP, bd("0.15"), OPTIONS, bd("0.12"),
            FOREX, bd("0.12"));
    static final long DAY1 = Instant.parse("2026-11-24T00:00:00Z").toEpochMilli();
    static final long DAY2 = Instant.parse("2026-11-25T00:00:00Z").toEpochMilli();
    static final long HOUR = 3_600_000L;

    final RiskRails rails = newRails();

    static RiskRails newRails() {
        return new RiskRails(DD, bd("0.03"), bd("0.005"), bd("0.20"), 5);
    }

    static BigDecimal bd(String s) { return new BigDecimal(s); }

    static RiskRails.Entry entry(AssetClass c, Side side, String price, String stop, String lev, long t) {
        return new RiskRails.Entry(c, "BTCUSDT", side, bd(price), bd(stop), bd(lev), bd("3"), bd("3"), 0, false,
                Optional.empty(), t);
    }

    // ---- max drawdown ----

    @Test
    void drawdownHaltsExactlyAtTheThresholdNotOneCentBefore() {
        rails.observe(SPOT, bd("10000"), DAY1);
        rails.observe(SPOT, bd("8500.01"), DAY1 + HOUR);
        assertThat(rails.snapshot().ledgers().get(SPOT).drawdownHalted()).isFalse();
        rails.observe(SPOT, bd("8500.00"), DAY1 + 2 * HOUR); // exactly 15%
        assertThat(rails.snapshot().ledgers().get(SPOT).drawdownHalted()).isTrue();
        RailCheck c = rails.checkHalts(SPOT, DAY1 + 2 * HOUR); // the daily rail also fired: drawdown is reported first
        assertThat(c.reason()).isEqualTo(RailReason.MAX_DRAWDOWN);
        assertThat(c.message()).contains("0.15", "10000", "8500.00");
        assertThat(rails.checkHalts(SPOT, DAY2 + 30 * 86_400_000L).reason()).isEqualTo(RailReason.MAX_DRAWDOWN);
    }

    @Test
    void drawdownLimitIsPerAssetClass() {
        rails.observe(FOREX, bd("1000"), DAY1);
        rails.observe(FOREX, bd("880"), DAY1 + HOUR); // 12%: the FOREX limit
        rails.observe(SPOT, bd("1000"), DAY1);
        rails.observe(SPOT, bd("880"), DAY1 + HOUR); // 12% < SPOT's 15%
        assertThat(rails.snapshot().ledgers().get(FOREX).drawdownHalted()).isTrue();
        assertThat(rails.snapshot().ledgers().get(SPOT).drawdownHalted()).isFalse();
        assertThat(rails.checkHalts(FOREX, DAY2).reason()).isEqualTo(RailReason.MAX_DRAWDOWN);
        assertThat(rails.checkHalts(SPOT, DAY2).ok()).isTrue(); // its daily halt lifted at midnight
    }

    @Test
    void peakTracksTheHighestEquityAndDrawdownIsMeasuredFromIt() {
        long t = DAY1;
        for (String e : new String[]{"1000", "1200", "1100", "1150", "1020.01"}) {
            rails.observe(PERP, bd(e), t);
            t += 86_400_000L; // a day apart, so daily loss stays out of the way
        }
        assertThat(rails.snapshot().ledgers().get(PERP).peakEquity()).isEqualByComparingTo("1200");
        assertThat(rails.halted(PERP, t)).isFalse();
        rails.observe(PERP, bd("1020"), t); // (1200 − 1020) / 1200 = 0.15
        assertThat(rails.checkHalts(PERP, t).reason()).isEqualTo(RailReason.MAX_DRAWDOWN);
    }

    @Test
    void drawdownHaltStaysWhenEquityRecoversUntilTheOwnerResumes() {
        rails.observe(SPOT, bd("1000"), DAY1);
        rails.observe(SPOT, bd("800"), DAY1 + 5 * 86_400_000L);
        rails.observe(SPOT, bd("990"), DAY1 + 6 * 86_400_000L);
        assertThat(rails.halted(SPOT, DAY1 + 7 * 86_400_000L)).isTrue();
        rails.resume(SPOT);
        assertThat(rails.halted(SPOT, DAY1 + 7 * 86_400_000L)).isFalse();
        // the peak re-based to 990: a further 1% dip does not re-halt, 15% from 990 does
        assertThat(rails.snapshot().ledgers().get(SPOT).peakEquity()).isEqualByComparingTo("990");
        rails.observe(SPOT, bd("980"), DAY1 + 8 * 86_400_000L);
        assertThat(rails.halted(SPOT, DAY1 + 8 * 86_400_000L)).isFalse();
        rails.observe(SPOT, bd("841.5"), DAY1 + 20 * 86_400_000L);
        assertThat(rails.checkHalts(SPOT, DAY1 + 20 * 86_400_000L).reason()).isEqualTo(RailReason.MAX_DRAWDOWN);
    }

    @Test
    void zeroEquitySubLedgerIsNeverHaltedByPercentRails() {
        rails.observe(PERP, BigDecimal.ZERO, DAY1);
        rails.observe(PERP, BigDecimal.ZERO, DAY1 + HOUR);
        assertThat(rails.halted(PERP, DAY1 + HOUR)).isFalse();
    }

    // ---- daily loss ----

    @Test
    void dailyLossHaltsAtThreePercentOfStartOfDayAndLiftsAtMidnightUtcEventTime() {
        rails.observe(SPOT, bd("10000"), DAY1 + HOUR);
        rails.observe(SPOT, bd("9700.01"), DAY1 + 2 * HOUR);
        assertThat(rails.halted(SPOT, DAY1 + 2 * HOUR)).isFalse();
        rails.observe(SPOT, bd("9700"), DAY1 + 3 * HOUR); // exactly 3%
        RailCheck c = rails.checkHalts(SPOT, DAY1 + 3 * HOUR);
        assertThat(c.reason()).isEqualTo(RailReason.DAILY_LOSS);
        assertThat(c.message()).contains("2026-11-25T00:00:00Z", "0.03", "10000", "9700");
        // recovery inside the day does not lift it
        rails.observe(SPOT, bd("10100"), DAY1 + 5 * HOUR);
        assertThat(rails.halted(SPOT, DAY2 - 1)).isTrue();
        assertThat(rails.halted(SPOT, DAY2)).isFalse();
    }

    @Test
    void startOfDayIsThePreviousDaysLastEquity() {
        rails.observe(SPOT, bd("10000"), DAY1 + HOUR);
        rails.observe(SPOT, bd("10500"), DAY2 - 1); // last equity of day 1
        rails.observe(SPOT, bd("10300"), DAY2 + HOUR); // −1.9% vs 10500: no halt
        assertThat(rails.snapshot().ledgers().get(SPOT).startOfDayEquity()).isEqualByComparingTo("10500");
        assertThat(rails.snapshot().ledgers().get(SPOT).dayStartMs()).isEqualTo(DAY2);
        assertThat(rails.halted(SPOT, DAY2 + HOUR)).isFalse();
        rails.observe(SPOT, bd("10185"), DAY2 + 2 * HOUR); // 10500 × 0.97
        assertThat(rails.checkHalts(SPOT, DAY2 + 2 * HOUR).reason()).isEqualTo(RailReason.DAILY_LOSS);
    }

    @Test
    void firstObservationOfAFreshLedgerIsItsStartOfDay() {
        rails.observe(OPTIONS, bd("1000"), DAY1 + 20 * HOUR);
        rails.observe(OPTIONS, bd("969.99"), DAY1 + 21 * HOUR);
        assertThat(rails.checkHalts(OPTIONS, DAY1 + 21 * HOUR).reason()).isEqualTo(RailReason.DAILY_LOSS);
    }

    @Test
    void aLateObservationDoesNotReopenThePreviousDay() {
        rails.observe(SPOT, bd("10000"), DAY2 + HOUR);
        rails.observe(SPOT, bd("9900"), DAY1 + 23 * HOUR); // late: counts in day 2
        assertThat(rails.snapshot().ledgers().get(SPOT).dayStartMs()).isEqualTo(DAY2);
        assertThat(rails.snapshot().ledgers().get(SPOT).startOfDayEquity()).isEqualByComparingTo("10000");
    }

    @Test
    void dailyHaltSurvivesARestartAndLiftsAtMidnightAfterRestore() {
        rails.observe(SPOT, bd("10000"), DAY1 + HOUR);
        rails.observe(SPOT, bd("9600"), DAY1 + 2 * HOUR);
        RailsSnapshot saved = rails.snapshot();

        RiskRails restarted = newRails();
        restarted.restore(saved);
        assertThat(restarted.snapshot()).isEqualTo(saved);
        assertThat(restarted.checkHalts(SPOT, DAY1 + 23 * HOUR).reason()).isEqualTo(RailReason.DAILY_LOSS);
        assertThat(restarted.halted(SPOT, DAY2)).isFalse();
        // next day: start of day is the last equity before the restart, 9600
        restarted.observe(SPOT, bd("9313"), DAY2 + HOUR); // −2.99%
        assertThat(restarted.halted(SPOT, DAY2 + HOUR)).isFalse();
        restarted.observe(SPOT, bd("9312"), DAY2 + 2 * HOUR); // −3%
        assertThat(restarted.halted(SPOT, DAY2 + 2 * HOUR)).isTrue();
    }

    @Test
    void drawdownHaltAndPeakSurviveARestart() {
        rails.observe(PERP, bd("2000"), DAY1);
        rails.observe(PERP, bd("1700"), DAY1 + 3 * 86_400_000L);
        RiskRails restarted = newRails();
        restarted.restore(rails.snapshot());
        assertThat(restarted.checkHalts(PERP, DAY1 + 9 * 86_400_000L).reason()).isEqualTo(RailReason.MAX_DRAWDOWN);
        assertThat(restarted.snapshot().ledgers().get(PERP).peakEquity()).isEqualByComparingTo("2000");
    }

    // ---- leverage ----

    @ParameterizedTest
    @CsvSource({"3, 3, 3, true", "3.01, 3, 5, false", "2, 1.5, 3, false", "1.5, 1.5, 3, true", "1, 4, 1, true",
            "2, 4, 1, false"})
    void leverageAtMostMinOfTierAndAssetCap(String lev, String tier, String cap, boolean ok) {
        RailCheck c = rails.checkLeverage(bd(lev), bd(tier), bd(cap));
        assertThat(c.ok()).isEqualTo(ok);
        if (!ok) {
            assertThat(c.reason()).isEqualTo(RailReason.LEVERAGE);
            assertThat(c.message()).contains(lev, tier, cap);
        }
    }

    // ---- liquidation buffer ----

    @Test
    void liquidationPriceByHandForLongAndShort() {
        // long 2×, mmr 0.005: 100 × (1 − 0.5 + 0.005) = 50.5
        assertThat(RiskRails.estimatedLiquidationPrice(Side.BUY, bd("100"), bd("2"), bd("0.005"))).isEqualByComparingTo("50.5");
        // short 2×: 100 × (1 + 0.5 − 0.005) = 149.5
        assertThat(RiskRails.estimatedLiquidationPrice(Side.SELL, bd("100"), bd("2"), bd("0.005"))).isEqualByComparingTo("149.5");
        // long 4× at 30000: 30000 × (1 − 0.25 + 0.005) = 22650
        assertThat(RiskRails.estimatedLiquidationPrice(Side.BUY, bd("30000"), bd("4"), bd("0.005"))).isEqualByComparingTo("22650");
        // 1/3 rounds down, moving the estimate towards the entry on both sides
        BigDecimal l3 = RiskRails.estimatedLiquidationPrice(Side.BUY, bd("300"), bd("3"), bd("0.005"));
        BigDecimal s3 = RiskRails.estimatedLiquidationPrice(Side.SELL, bd("300"), bd("3"), bd("0.005"));
        assertThat(l3).isGreaterThan(bd("201.5")).isLessThan(bd("201.500000001"));
        assertThat(s3).isLessThan(bd("398.5")).isGreaterThan(bd("398.499999999"));
    }

    @ParameterizedTest
    @CsvSource({
            // side, entry, stop, leverage, ok — liq long 2× = 50.5, short 2× = 149.5; buffer 0.20 × 100 = 20
            "BUY, 100, 70.5, 2, true",    // 70.5 − 50.5 = 20: exactly the buffer
            "BUY, 100, 70.49, 2, false",  // 19.99 < 20
            "BUY, 100, 50.5, 2, false",   // at the liquidation price
            "BUY, 100, 40, 2, false",     // beyond it
            "SELL, 100, 129.5, 2, true",  // 149.5 − 129.5 = 20
            "SELL, 100, 129.51, 2, false",
            "SELL, 100, 160, 2, false",
            "BUY, 100, 99, 1, true",      // 1×: liq 0.5
    })
    void perpStopMustKeepTwentyPercentOfEntryFromLiquidation(Side side, String entry, String stop, String lev, boolean ok) {
        RailCheck c = rails.checkLiquidationBuffer(side, bd(entry), bd(stop), bd(lev), Optional.empty());
        assertThat(c.ok()).isEqualTo(ok);
        if (!ok) assertThat(c.reason()).isEqualTo(RailReason.LIQ_BUFFER);
    }

    @Test
    void stopBeyondLiquidationSaysSo() {
        RailCheck c = rails.checkLiquidationBuffer(Side.BUY, bd("100"), bd("40"), bd("2"), Optional.empty());
        assertThat(c.message()).contains("beyond", "50.5", "estimated");
    }

    @Test
    void theExchangesLiquidationPriceIsUsedWhenTighter() {
        // exchange says 60 (nearer than the 50.5 estimate): the 70.5 stop now sits only 10.5 away
        RailCheck tighter = rails.checkLiquidationBuffer(Side.BUY, bd("100"), bd("70.5"), bd("2"), Optional.of(bd("60")));
        assertThat(tighter.reason()).isEqualTo(RailReason.LIQ_BUFFER);
        assertThat(tighter.message()).contains("exchange", "60");
        // exchange says 40 (farther): the estimate still rules
        assertThat(rails.checkLiquidationBuffer(Side.BUY, bd("100"), bd("70.49"), bd("2"), Optional.of(bd("40"))).reason())
                .isEqualTo(RailReason.LIQ_BUFFER);
        assertThat(rails.checkLiquidationBuffer(Side.SELL, bd("100"), bd("129.5"), bd("2"), Optional.of(bd("140"))).reason())
                .isEqualTo(RailReason.LIQ_BUFFER);
    }

    @Test
    void stopOnTheWrongSideOrNonPositiveNumbersAreInvalidInput() {
        assertThat(rails.checkLiquidationBuffer(Side.BUY, bd("100"), bd("101"), bd("2"), Optional.empty()).reason())
                .isEqualTo(RailReason.INVALID_INPUT);
        assertThat(rails.checkLiquidationBuffer(Side.SELL, bd("100"), bd("100"), bd("2"), Optional.empty()).reason())
                .isEqualTo(RailReason.INVALID_INPUT);
        assertThat(rails.checkLiquidationBuffer(Side.BUY, bd("0"), bd("-1"), bd("2"), Optional.empty()).reason())
                .isEqualTo(RailReason.INVALID_INPUT);
        assertThat(rails.checkLiquidationBuffer(Side.BUY, bd("100"), bd("90"), bd("0.5"), Optional.empty()).reason())
                .isEqualTo(RailReason.INVALID_INPUT);
    }

    @Test
    void liquidationBufferAppliesToPerpEntriesOnly() {
        assertThat(rails.checkEntry(entry(PERP, Side.BUY, "100", "60", "2", DAY1)).reason()).isEqualTo(RailReason.LIQ_BUFFER);
        assertThat(rails.checkEntry(entry(SPOT, Side.BUY, "100", "60", "1", DAY1)).ok()).isTrue();
    }

    // ---- positions ----

    @Test
    void maxOpenPositionsAndOnePerSymbol() {
        assertThat(rails.checkPositions("ETHUSDT", 4, false).ok()).isTrue();
        RailCheck full = rails.checkPositions("ETHUSDT", 5, false);
        assertThat(full.reason()).isEqualTo(RailReason.MAX_POSITIONS);
        assertThat(full.message()).contains("5");
        RailCheck held = rails.checkPositions("ETHUSDT", 1, true);
        assertThat(held.reason()).isEqualTo(RailReason.ONE_PER_SYMBOL);
        assertThat(held.message()).contains("ETHUSDT");
    }

    // ---- the whole entry and the counters ----

    @Test
    void checkEntryReturnsTheFirstRefusalInOrderAndCountsItOnce() {
        rails.observe(PERP, bd("1000"), DAY1);
        rails.observe(PERP, bd("960"), DAY1 + HOUR); // daily halt
        RiskRails.Entry everythingWrong = new RiskRails.Entry(PERP, "BTCUSDT", Side.BUY, bd("100"), bd("40"), bd("9"),
                bd("3"), bd("3"), 5, true, Optional.empty(), DAY1 + HOUR);
        assertThat(rails.checkEntry(everythingWrong).reason()).isEqualTo(RailReason.DAILY_LOSS);
        assertThat(rails.refusalsByReason()).containsExactly(Map.entry("DAILY_LOSS", 1L));
    }

    @Test
    void refusalsAreCountedByReasonCode() {
        rails.checkLeverage(bd("5"), bd("3"), bd("3"));
        rails.checkLeverage(bd("4"), bd("3"), bd("3"));
        rails.checkLeverage(bd("3"), bd("3"), bd("3")); // passes: not counted
        rails.checkPositions("X", 9, false);
        rails.checkEntry(entry(PERP, Side.SELL, "100", "140", "2", DAY1));
        assertThat(rails.refusalsByReason()).containsExactly(Map.entry("LEVERAGE", 2L), Map.entry("LIQ_BUFFER", 1L),
                Map.entry("MAX_POSITIONS", 1L));
        // a restore keeps the counters: they are metrics, not rail state
        rails.restore(new RailsSnapshot(Map.of()));
        assertThat(rails.refusalsByReason()).containsEntry("LEVERAGE", 2L);
    }

    @Test
    void aCleanEntryPasses() {
        rails.observe(PERP, bd("1000"), DAY1);
        assertThat(rails.checkEntry(entry(PERP, Side.BUY, "100", "90", "3", DAY1 + HOUR)).ok()).isTrue();
        assertThat(rails.refusalsByReason()).isEmpty();
    }
}
