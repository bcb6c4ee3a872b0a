package dev.meridian.portfolio;

import dev.meridian.core.AssetClass;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.Map;
import java.util.Random;
import java.util.stream.LongStream;

import static dev.meridian.core.AssetClass.FOREX;
import static dev.meridian.core.AssetClass.OPTIONS;
import static dev.meridian.core.AssetClass.PERP;
import static dev.meridian.core.AssetClass.SPOT;
import static org.assertj.core.api.Assertions.assertThat;

class WalletCapsTest {
    static final Map<AssetClass, String> VENUES = Map.of(SPOT, "bybit", PERP, "bybit", OPTIONS, "bybit", FOREX, "oanda");

    static BigDecimal bd(String s) { return new BigDecimal(s); }

    static Map<AssetClass, BigDecimal> ledgers(String spot, String perp, String options, String forex) {
        Map<AssetClass, BigDecimal> m = new EnumMap<>(AssetClass.class);
        m.put(SPOT, bd(spot));
        m.put(PERP, bd(perp));
        m.put(OPTIONS, bd(options));
        m.put(FOREX, bd(forex));
        return m;
    }

    @Test
    void exchangeCoveringTheSubLedgersLeavesCapsAtTheirEquityAndInventsNothing() {
        WalletCaps.Result r = WalletCaps.compute(ledgers("14000", "0", "1000", "500"), VENUES,
                Map.of("bybit", bd("20000"), "oanda", bd("500")));
        assertThat(r.caps()).containsEntry(SPOT, bd("14000")).containsEntry(PERP, bd("0"))
                .containsEntry(OPTIONS, bd("1000")).containsEntry(FOREX, bd("500"));
        assertThat(r.alert()).isFalse();
    }

    @Test
    void shortfallShrinksTheVenuesCapsProportionallyAndAlerts() {
        // bybit sub-ledgers hold 15000, the exchange reports 12000: every cap × 0.8
        WalletCaps.Result r = WalletCaps.compute(ledgers("14000", "0", "1000", "500"), VENUES,
                Map.of("bybit", bd("12000"), "oanda", bd("600")));
        assertThat(r.caps().get(SPOT)).isEqualByComparingTo("11200");
        assertThat(r.caps().get(OPTIONS)).isEqualByComparingTo("800");
        assertThat(r.caps().get(PERP)).isEqualByComparingTo("0");
        assertThat(r.caps().get(FOREX)).isEqualByComparingTo("500");
        assertThat(r.alerts()).singleElement().satisfies(a -> {
            assertThat(a.venue()).isEqualTo("bybit");
            assertThat(a.reported()).isEqualByComparingTo("12000");
            assertThat(a.subLedgerTotal()).isEqualByComparingTo("15000");
            assertThat(a.message()).contains("12000", "15000");
        });
    }

    @Test
    void shrunkCapsRoundDownSoTheirSumNeverExceedsTheBalance() {
        WalletCaps.Result r = WalletCaps.compute(ledgers("1", "1", "1", "0"), VENUES,
                Map.of("bybit", bd("1"), "oanda", bd("0")));
        assertThat(r.caps().get(SPOT)).isEqualByComparingTo("0.33333333");
        BigDecimal sum = r.caps().get(SPOT).add(r.caps().get(PERP)).add(r.caps().get(OPTIONS));
        assertThat(sum).isLessThanOrEqualTo(bd("1"));
    }

    @Test
    void noNegativeDriftFromNegativeEquityOrNegativeBalance() {
        WalletCaps.Result r = WalletCaps.compute(ledgers("-50", "100", "0", "300"), VENUES,
                Map.of("bybit", bd("1000"), "oanda", bd("-20")));
        assertThat(r.caps().get(SPOT)).isEqualByComparingTo("0");
        assertThat(r.caps().get(PERP)).isEqualByComparingTo("100");
        assertThat(r.caps().get(FOREX)).isEqualByComparingTo("0");
        assertThat(r.alerts()).singleElement().satisfies(a -> assertThat(a.venue()).isEqualTo("oanda"));
    }

    @Test
    void zeroBalancesGiveZeroCaps() {
        WalletCaps.Result empty = WalletCaps.compute(ledgers("0", "0", "0", "0"), VENUES,
                Map.of("bybit", bd("0"), "oanda", bd("0")));
        assertThat(empty.caps().values()).allSatisfy(c -> assertThat(c).isEqualByComparingTo("0"));
        assertThat(empty.alert()).isFalse();

        WalletCaps.Result drained = WalletCaps.compute(ledgers("100", "0", "0", "0"), VENUES,
                Map.of("bybit", bd("0"), "oanda", bd("0")));
        assertThat(drained.caps().get(SPOT)).isEqualByComparingTo("0");
        assertThat(drained.alert()).isTrue();
    }

    @Test
    void aVenueThatReportedNothingCountsAsZero() {
        WalletCaps.Result r = WalletCaps.compute(ledgers("0", "0", "0", "250"), VENUES, Map.of("bybit", bd("5")));
        assertThat(r.caps().get(FOREX)).isEqualByComparingTo("0");
        assertThat(r.alerts()).singleElement().satisfies(a -> {
            assertThat(a.venue()).isEqualTo("oanda");
            assertThat(a.reported()).isNull();
            assertThat(a.message()).contains("no balance");
        });
    }

    @Test
    void aClassWithoutVenueGetsZeroAndAlertsOnlyWhenItHoldsEquity() {
        Map<AssetClass, String> noForex = Map.of(SPOT, "bybit", PERP, "bybit", OPTIONS, "bybit");
        WalletCaps.Result r = WalletCaps.compute(ledgers("10", "0", "0", "40"), noForex, Map.of("bybit", bd("10")));
        assertThat(r.caps().get(FOREX)).isEqualByComparingTo("0");
        assertThat(r.alerts()).singleElement().satisfies(a -> assertThat(a.venue()).isEqualTo("none"));
        WalletCaps.Result quiet = WalletCaps.compute(ledgers("10", "0", "0", "0"), noForex, Map.of("bybit", bd("10")));
        assertThat(quiet.alert()).isFalse();
    }

    static LongStream seeds() { return LongStream.range(0, 2000); }

    /** Invariants over random equities and balances (jqwik is not on this project's classpath). */
    @ParameterizedTest
    @MethodSource("seeds")
    void capsAreNeverNegativeNeverAboveEquityAndNeverAboveTheExchange(long seed) {
        Random rnd = new Random(seed);
        Map<AssetClass, BigDecimal> eq = new EnumMap<>(AssetClass.class);
        for (AssetClass c : AssetClass.values()) eq.put(c, money(rnd));
        BigDecimal bybit = money(rnd);
        BigDecimal oanda = money(rnd);
        WalletCaps.Result r = WalletCaps.compute(eq, VENUES, Map.of("bybit", bybit, "oanda", oanda));

        BigDecimal bybitSum = BigDecimal.ZERO;
        for (AssetClass c : AssetClass.values()) {
            BigDecimal cap = r.caps().get(c);
            assertThat(cap.signum()).isGreaterThanOrEqualTo(0);
            assertThat(cap).isLessThanOrEqualTo(eq.get(c).max(BigDecimal.ZERO));
            if (!c.equals(FOREX)) bybitSum = bybitSum.add(cap);
        }
        assertThat(bybitSum).isLessThanOrEqualTo(bybit.max(BigDecimal.ZERO));
        assertThat(r.caps().get(FOREX)).isLessThanOrEqualTo(oanda.max(BigDecimal.ZERO));
        BigDecimal bookkept = eq.get(SPOT).max(BigDecimal.ZERO).add(eq.get(PERP).max(BigDecimal.ZERO))
                .add(eq.get(OPTIONS).max(BigDecimal.ZERO));
        boolean bybitShort = bybit.max(BigDecimal.ZERO).compareTo(bookkept) < 0;
        assertThat(r.alerts().stream().anyMatch(a -> a.venue().equals("bybit"))).isEqualTo(bybitShort);
    }

    /** Cents between −1,000 and 99,000, zero one time in eight. */
    private static BigDecimal money(Random rnd) {
        if (rnd.nextInt(8) == 0) return BigDecimal.ZERO;
        return BigDecimal.valueOf(rnd.nextInt(10_000_000) - 100_000, 2);
    }
}
