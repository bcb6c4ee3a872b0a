package dev.meridian.options;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The outcome of one {@link OptionRails} check: allowed or refused, a sentence that quotes the
 * figures that decided it (in both cases, so reports can show why a package passed), and the
 * figures themselves by name, in a stable order.
 *
 * <p>Invariants: {@code reason} is not blank; {@code figures} is immutable and keeps insertion order.
 */
public record OptionRailCheck(Rail rail, boolean allowed, String reason, Map<String, Double> figures) {
    /** The rails, by stable name. */
    public enum Rail {
        /** IV − RV: sell rich volatility, buy cheap volatility. */
        IV_EDGE,
        /** One package's delta against its max loss. */
        PACKAGE_DELTA,
        /** The options sub-ledger's total delta against its equity. */
        LEDGER_DELTA,
        /** Time decay: credit packages earn it, debit packages' bleed is capped. */
        THETA
    }

    public OptionRailCheck {
        Objects.requireNonNull(rail, "rail");
        if (reason == null || reason.isBlank()) throw new IllegalArgumentException("a rail check needs a reason");
        figures = Collections.unmodifiableMap(new LinkedHashMap<>(figures));
    }
}
