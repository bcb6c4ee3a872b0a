package dev.meridian.exchange.bybit.rest;

import dev.meridian.core.Side;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;
import java.util.Optional;

/**
 * The instrument limits an order must respect before it is sent, from
 * {@code /v5/market/instruments-info}: {@code tickSize} (price step), {@code basePrecision} (qty
 * step: spot's {@code basePrecision}, linear's {@code qtyStep}), {@code minOrderQty} and
 * {@code minOrderAmt} (spot's {@code minOrderAmt}, linear's {@code minNotionalValue}, in quote).
 *
 * <p>Invariants: both steps are > 0, both minimums are >= 0 (0 = no minimum). Rounding never makes
 * an order bigger or its price worse for us: qty always rounds down, a BUY price down and a SELL
 * price up, so a rounded order is still one the caller would have accepted.
 */
public record Filters(BigDecimal tickSize, BigDecimal basePrecision, BigDecimal minOrderQty, BigDecimal minOrderAmt) {
    public Filters {
        Objects.requireNonNull(tickSize, "tickSize");
        Objects.requireNonNull(basePrecision, "basePrecision");
        Objects.requireNonNull(minOrderQty, "minOrderQty");
        Objects.requireNonNull(minOrderAmt, "minOrderAmt");
        if (tickSize.signum() <= 0) throw new IllegalArgumentException("tickSize must be > 0, got " + tickSize);
        if (basePrecision.signum() <= 0) throw new IllegalArgumentException("basePrecision must be > 0, got " + basePrecision);
        if (minOrderQty.signum() < 0 || minOrderAmt.signum() < 0) {
            throw new IllegalArgumentException("minimums must be >= 0, got " + minOrderQty + " and " + minOrderAmt);
        }
    }

    /** {@code qty} rounded down to a multiple of {@code basePrecision}, at the step's scale (possibly zero). */
    public BigDecimal roundQty(BigDecimal qty) {
        return toStep(qty, basePrecision, RoundingMode.DOWN);
    }

    /** {@code price} on the tick grid, rounded in the direction that is passive for {@code side}. */
    public BigDecimal roundPrice(BigDecimal price, Side side) {
        return toStep(price, tickSize, side == Side.BUY ? RoundingMode.DOWN : RoundingMode.UP);
    }

    /**
     * Why an order of (already rounded) {@code qty} at {@code price} must not be sent, or empty when
     * it may. {@code price} is the limit price, or the reference price for a market order.
     */
    public Optional<String> rejectReason(BigDecimal qty, BigDecimal price) {
        if (qty.signum() <= 0) {
            return Optional.of("qty rounds to 0 at basePrecision " + basePrecision.toPlainString());
        }
        if (qty.compareTo(minOrderQty) < 0) {
            return Optional.of("qty " + qty.toPlainString() + " < minOrderQty " + minOrderQty.toPlainString());
        }
        BigDecimal value = qty.multiply(price);
        if (value.compareTo(minOrderAmt) < 0) {
            return Optional.of("value " + value.toPlainString() + " < minOrderAmt " + minOrderAmt.toPlainString());
        }
        return Optional.empty();
    }

    private static BigDecimal toStep(BigDecimal v, BigDecimal step, RoundingMode mode) {
        // Steps need not be powers of ten (a tick of 0.5 exists), so divide instead of setScale.
        BigDecimal steps = v.divide(step, 0, mode);
        return steps.multiply(step).setScale(Math.max(step.stripTrailingZeros().scale(), 0), RoundingMode.UNNECESSARY);
    }
}
