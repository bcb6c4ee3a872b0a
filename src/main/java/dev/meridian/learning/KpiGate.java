package dev.meridian.learning;

import dev.meridian.config.KpiThresholds;
import dev.meridian.learning.KpiReport;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Judges a {@link KpiReport} against {@link KpiThresholds}: may this (asset class, mode) trade live
 * funds? Pure; paper trading is not its concern and goes on whatever it says.
 *
 * <p>Each check: NaN (undefined) always fails; +Infinity passes any minimum and fails any maximum.
 * Fewer than {@code minTrades} trades fails the {@code trades} check, so a thin record is never
 * eligible however good its ratios look. Win rate and profit factor are advisory and not judged.
 */
public final class KpiGate {
    /** The checks, in the order {@link Verdict#pass()} lists them. */
    public static final List<String> KEYS = List.of("trades", "expectancy", "sharpe", "sortino", "calmar", "max_drawdown");

    private KpiGate() {}

    /**
     * The outcome of {@link #judge}.
     *
     * <p>Invariants: {@code pass} has exactly the keys of {@link #KEYS} in that order;
     * {@code eligibleLive} is true exactly when every value of {@code pass} is; {@code reasons}
     * has one human phrase per failing check, in the same order, and is empty exactly when eligible.
     * Both collections are unmodifiable.
     *
     * @param pass         per check, whether the report met its threshold
     * @param eligibleLive whether live funds may be used
     * @param reasons      why not, quoting the figures
     */
    public record Verdict(Map<String, Boolean> pass, boolean eligibleLive, List<String> reasons) {
        public Verdict {
            Objects.requireNonNull(pass, "pass");
            if (!List.copyOf(pass.keySet()).equals(KEYS)) throw new IllegalArgumentException("pass must have keys " + KEYS + ", got " + pass.keySet());
            pass = Collections.unmodifiableMap(new LinkedHashMap<>(pass));
            reasons = List.copyOf(reasons);
            long failed = pass.values().stream().filter(ok -> !ok).count();
            if (eligibleLive != (failed == 0)) throw new IllegalArgumentException("eligibleLive must be true exactly when every check passes");
            if (reasons.size() != failed) throw new IllegalArgumentException("one reason per failing check: " + failed + " failed, " + reasons.size() + " reasons");
        }
    }

    public static Verdict judge(KpiReport report, KpiThresholds t) {
        Objects.requireNonNull(report, "report");
        Objects.requireNonNull(t, "thresholds");
        Map<String, Boolean> pass = new LinkedHashMap<>();
        List<String> reasons = new ArrayList<>();

        check(pass, reasons, "trades", report.trades() >= t.minTrades(),
                () -> report.trades() + " trades of evidence, needs " + t.minTrades());
        double minExpectancy = t.minExpectancy().doubleValue();
        // Written as "not above": the threshold is a strict floor, so equal fails (0 = break-even after fees).
        check(pass, reasons, "expectancy", report.expectancy() > minExpectancy,
                () -> Double.isNaN(report.expectancy())
                        ? "expectancy undefined, needs above " + plain(t.minExpectancy())
                        : "expectancy " + fixed(report.expectancy(), 4) + " after fees is not above " + plain(t.minExpectancy()));
        check(pass, reasons, "sharpe", atLeast(report.sharpe(), t.minSharpe()),
                () -> ratioReason("Sharpe", report.sharpe(), t.minSharpe()));
        check(pass, reasons, "sortino", atLeast(report.sortino(), t.minSortino()),
                () -> ratioReason("Sortino", report.sortino(), t.minSortino()));
        check(pass, reasons, "calmar", atLeast(report.calmar(), t.minCalmar()),
                () -> ratioReason("Calmar", report.calmar(), t.minCalmar()));
        double maxDd = t.maxDrawdown().doubleValue();
        check(pass, reasons, "max_drawdown", report.maxDrawdown() <= maxDd,
                () -> Double.isNaN(report.maxDrawdown())
                        ? "max drawdown undefined, needs at most " + percent(t.maxDrawdown())
                        : "max drawdown " + fixed(report.maxDrawdown() * 100, 1) + "% above " + percent(t.maxDrawdown()));

        return new Verdict(pass, reasons.isEmpty(), reasons);
    }

    /**
     * The thresholds as a JSON-ready map, keyed as in the policy files: min_trades, min_expectancy,
     * min_sharpe, min_sortino, min_calmar, max_drawdown. Values are numbers; the map is unmodifiable.
     */
    public static Map<String, Object> thresholdsJson(KpiThresholds t) {
        Objects.requireNonNull(t, "thresholds");
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("min_trades", t.minTrades());
        m.put("min_expectancy", t.minExpectancy());
        m.put("min_sharpe", t.minSharpe());
        m.put("min_sortino", t.minSortino());
        m.put("min_calmar", t.minCalmar());
        m.put("max_drawdown", t.maxDrawdown());
        return Collections.unmodifiableMap(m);
    }

    private static void check(Map<String, Boolean> pass, List<String> reasons, String key, boolean ok, Supplier<String> why) {
        pass.put(key, ok);
        if (!ok) reasons.add(why.get());
    }

    // Comparisons with NaN are false, so NaN fails without a special case.
    private static boolean atLeast(double value, double min) { return value >= min; }

    private static String ratioReason(String name, double value, double min) {
        if (Double.isNaN(value)) return name + " undefined, needs " + min;
        return name + " " + fixed(value, 2) + " below " + min;
    }

    private static String fixed(double v, int decimals) {
        if (!Double.isFinite(v)) return Double.toString(v);
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

    private static String plain(BigDecimal v) { return v.stripTrailingZeros().toPlainString(); }

    private static String percent(BigDecimal fraction) { return plain(fraction.movePointRight(2)) + "%"; }
}
