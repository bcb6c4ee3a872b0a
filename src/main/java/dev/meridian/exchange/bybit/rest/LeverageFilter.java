package dev.meridian.exchange.bybit.rest;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;

/**
 * A linear instrument's {@code leverageFilter} from {@code /v5/market/instruments-info}: the
 * leverage a position may be set to lies in [{@code min}, {@code max}] on a grid of {@code step}.
 *
 * <p>Invariants: 0 < min <= max, step > 0. {@link #fit} never raises leverage beyond what was asked
 * unless the instrument's minimum forces it: rounding is down (less leverage is the safe side: a
 * liquidation further away), clamping is into [min, max].
 */
public record LeverageFilter(BigDecimal min, BigDecimal max, BigDecimal step) {
    public LeverageFilter {
        Objects.requireNonNull(min, "min");
        Objects.requireNonNull(max, "max");
        Objects.requireNonNull(step, "step");
        if (min.signum() <= 0 || min.compareTo(max) > 0) {
            throw new IllegalArgumentException("leverage range must satisfy 0 < min <= max, got " + min + ".." + max);
        }
        if (step.signum() <= 0) throw new IllegalArgumentException("leverage step must be > 0, got " + step);
    }

    /**
     * {@code wanted} clamped into [min, max], then rounded down onto the step grid (counted from
     * 0, as Bybit's steps are decimal fractions such as 0.01), but never below {@code min}. The
     * result is stripped of trailing zeros, since Bybit takes leverage as a plain string ("10", "2.5").
     */
    public BigDecimal fit(BigDecimal wanted) {
        Objects.requireNonNull(wanted, "wanted");
        BigDecimal clamped = wanted.max(min).min(max);
        BigDecimal onGrid = clamped.divide(step, 0, RoundingMode.DOWN).multiply(step);
        if (onGrid.compareTo(min) < 0) onGrid = min;
        BigDecimal plain = onGrid.stripTrailingZeros();
        return plain.scale() < 0 ? plain.setScale(0, RoundingMode.UNNECESSARY) : plain;
    }
}
