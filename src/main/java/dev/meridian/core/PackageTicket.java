package dev.meridian.core;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * What an option package order fills at, decided with the chain's quotes at the decision bar:
 * {@code qty} packages at {@code fillPrice} per package (the legs' fills netted as the position
 * sees them: a debit paid, a credit received, or what closing fetches or costs; see
 * {@code options.PackageOrders}), {@code fees} for all legs, {@code sizeUsd} (premium paid or
 * maximum loss) and {@code riskUsd} (maximum loss). A package is priced leg by leg at its quotes,
 * not at the underlying's last print, so the paper venue fills it at this ticket and nothing else.
 * Plain values only (no Optional): it travels inside {@link Order}, which is stored as JSON.
 *
 * <p>{@code legs} are the contract orders that make the package at the venue (what a live route
 * sends, all or nothing; none for an exit at expiry, which the venue settles, or where every
 * bought contract is worthless); {@code synthetic} is true when the contracts come from the
 * synthetic chain, which no venue lists: such a package trades on paper only.
 */
public record PackageTicket(BigDecimal qty, BigDecimal fillPrice, BigDecimal fees, BigDecimal sizeUsd, BigDecimal riskUsd,
                            List<TicketLeg> legs, boolean synthetic) {
    /** A ticket without its legs: a package that can only be filled on paper. */
    public PackageTicket(BigDecimal qty, BigDecimal fillPrice, BigDecimal fees, BigDecimal sizeUsd, BigDecimal riskUsd) {
        this(qty, fillPrice, fees, sizeUsd, riskUsd, List.of(), true);
    }

    public PackageTicket {
        Objects.requireNonNull(qty, "qty");
        Objects.requireNonNull(fillPrice, "fillPrice");
        Objects.requireNonNull(fees, "fees");
        Objects.requireNonNull(sizeUsd, "sizeUsd");
        Objects.requireNonNull(riskUsd, "riskUsd");
        if (qty.signum() <= 0) throw new IllegalArgumentException("package qty must be > 0, got " + qty);
        if (fees.signum() < 0) throw new IllegalArgumentException("package fees must be >= 0, got " + fees);
        legs = legs == null ? List.of() : List.copyOf(legs);
    }
}
