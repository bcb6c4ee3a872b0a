package dev.meridian.options;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of sizing a package to a budget: either the sized package or a refusal, with the
 * numbers that decided it.
 *
 * <p>Invariants: exactly one of {@code sized} and {@code refusal} is present; a refusal is not
 * blank; when sized, {@code sized.qty() == qty}, {@code qty ≥ minQty} and the budgeted figure
 * (premium or max loss) of the sized package is ≤ {@code budgetUsd}.
 *
 * @param basis      what the budget pays for: a debit package's premium, a credit package's max loss
 * @param budgetUsd  the USD the package may spend (premium) or risk (max loss)
 * @param perUnitUsd the budgeted figure of the package at qty 1
 * @param qty        budget / perUnit rounded down to the step, also when refused for being below the minimum
 * @param minQty     the venue's minimum order quantity
 */
public record PackageSizing(OptionPackage.Kind kind, Basis basis, BigDecimal budgetUsd, BigDecimal perUnitUsd,
                            BigDecimal qty, BigDecimal minQty, Optional<OptionPackage> sized, Optional<String> refusal) {
    /** What the budget is spent on. */
    public enum Basis {
        /** Net premium paid: for debit packages, where it is (for spreads) also the max loss. */
        PREMIUM,
        /** Max loss at expiry: for credit packages, whose premium is received, not spent. */
        MAX_LOSS
    }

    public PackageSizing {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(basis, "basis");
        Objects.requireNonNull(budgetUsd, "budgetUsd");
        Objects.requireNonNull(perUnitUsd, "perUnitUsd");
        Objects.requireNonNull(qty, "qty");
        Objects.requireNonNull(minQty, "minQty");
        Objects.requireNonNull(sized, "sized");
        Objects.requireNonNull(refusal, "refusal");
        if (sized.isPresent() == refusal.isPresent()) throw new IllegalArgumentException("a sizing is either sized or refused");
        if (refusal.isPresent() && refusal.get().isBlank()) throw new IllegalArgumentException("a refusal needs a reason");
    }

    public boolean ok() { return sized.isPresent(); }
}
