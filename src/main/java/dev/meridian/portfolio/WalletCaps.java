package dev.meridian.portfolio;

import dev.meridian.core.AssetClass;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * LIVE wallet sync: turns the sub-ledgers' bookkept equity (SIM accounting) and the balance each
 * exchange venue reports into the cap each sub-ledger may trade with. Pure and deterministic.
 *
 * <p>Several sub-ledgers can share one venue (Bybit's unified account backs SPOT, PERP and OPTIONS;
 * an OANDA account backs FOREX), so the rule works per venue. With {@code E(c) = max(0, equity(c))}
 * and {@code S = Σ E(c)} over the venue's classes and {@code B = max(0, reported balance)}:
 * <ul>
 *   <li>{@code B ≥ S}: {@code cap(c) = E(c)}. A surplus on the exchange is not handed out: it may
 *       be the owner's money outside the bot ("no invented equity").</li>
 *   <li>{@code B < S}: {@code cap(c) = E(c) × B / S}, rounded down at {@value #SCALE} decimals, and
 *       a {@link Alert} is raised. Rounding down keeps {@code Σ cap ≤ B}.</li>
 * </ul>
 * A venue that reported nothing or a negative balance counts as {@code B = 0} (alert when its
 * sub-ledgers hold equity); a class with no venue mapped gets cap 0 (alert when it holds equity).
 *
 * <p>Invariants, for every result: {@code 0 ≤ cap(c) ≤ E(c)} ("no negative drift": a cap is never
 * negative and never above the bookkept equity) and {@code Σ cap over a venue ≤ B} (never above
 * what the exchange reports). Every class in the input gets a cap.
 */
public final class WalletCaps {
    /** Decimals of a shrunk cap: enough for USDT and OANDA account currencies alike. */
    public static final int SCALE = 8;

    private WalletCaps() {
    }

    /**
     * A venue (or unmapped class) whose reported balance does not cover its sub-ledgers.
     *
     * @param venue          the venue name, or {@code "none"} for classes without a venue
     * @param reported       the balance the exchange reported, null when it reported none
     * @param subLedgerTotal {@code S}, the bookkept equity of the venue's sub-ledgers
     * @param message        a human message quoting the numbers
     */
    public record Alert(String venue, BigDecimal reported, BigDecimal subLedgerTotal, String message) {
    }

    /**
     * @param caps   cap per asset class of the input, immutable
     * @param alerts shortfalls, in venue order of first appearance; empty when every venue covers its sub-ledgers
     */
    public record Result(Map<AssetClass, BigDecimal> caps, List<Alert> alerts) {
        public Result {
            caps = Collections.unmodifiableMap(new EnumMap<>(caps));
            alerts = List.copyOf(alerts);
        }

        public boolean alert() { return !alerts.isEmpty(); }
    }

    /**
     * @param subLedgerEquity  bookkept equity per asset class (SIM accounting); its keys are the classes capped
     * @param venueOf          venue per asset class, e.g. SPOT, PERP, OPTIONS → "bybit", FOREX → "oanda"
     * @param reportedBalances balance per venue as the exchange reports it (Bybit unified USDT
     *                         total equity, OANDA NAV); a missing venue counts as zero
     */
    public static Result compute(Map<AssetClass, BigDecimal> subLedgerEquity, Map<AssetClass, String> venueOf,
                                 Map<String, BigDecimal> reportedBalances) {
        Objects.requireNonNull(subLedgerEquity, "subLedgerEquity");
        Objects.requireNonNull(venueOf, "venueOf");
        Objects.requireNonNull(reportedBalances, "reportedBalances");
        Map<AssetClass, BigDecimal> caps = new EnumMap<>(AssetClass.class);
        Map<String, List<AssetClass>> byVenue = new LinkedHashMap<>();
        List<Alert> alerts = new ArrayList<>();
        BigDecimal unmapped = BigDecimal.ZERO;
        for (AssetClass c : AssetClass.values()) {
            if (!subLedgerEquity.containsKey(c)) continue;
            String venue = venueOf.get(c);
            if (venue == null) {
                caps.put(c, BigDecimal.ZERO);
                unmapped = unmapped.add(bookkept(subLedgerEquity, c));
            } else {
                byVenue.computeIfAbsent(venue, v -> new ArrayList<>()).add(c);
            }
        }
        if (unmapped.signum() > 0) {
            alerts.add(new Alert("none", null, unmapped, "sub-ledgers holding " + unmapped.toPlainString()
                    + " have no exchange venue mapped; their caps are 0"));
        }
        byVenue.forEach((venue, classes) -> {
            BigDecimal total = classes.stream().map(c -> bookkept(subLedgerEquity, c)).reduce(BigDecimal.ZERO, BigDecimal::add);
            BigDecimal reported = reportedBalances.get(venue);
            BigDecimal balance = reported == null ? BigDecimal.ZERO : reported.max(BigDecimal.ZERO);
            if (balance.compareTo(total) >= 0) {
                classes.forEach(c -> caps.put(c, bookkept(subLedgerEquity, c)));
                return;
            }
            // total > balance >= 0, so total > 0: the division is safe.
            classes.forEach(c -> caps.put(c, bookkept(subLedgerEquity, c).multiply(balance)
                    .divide(total, SCALE, RoundingMode.DOWN)));
            alerts.add(new Alert(venue, reported, total, venue + " reports "
                    + (reported == null ? "no balance" : reported.toPlainString()) + " but its sub-ledgers "
                    + classes + " hold " + total.toPlainString() + "; caps shrink to "
                    + balance.toPlainString() + "/" + total.toPlainString() + " of their equity"));
        });
        return new Result(caps, alerts);
    }

    private static BigDecimal bookkept(Map<AssetClass, BigDecimal> equity, AssetClass c) {
        return Objects.requireNonNull(equity.get(c), "equity of " + c).max(BigDecimal.ZERO);
    }
}
