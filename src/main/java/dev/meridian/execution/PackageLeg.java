package dev.meridian.execution;

import dev.meridian.core.Side;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * One leg of an option package as {@link PackageExecutor} sends it: an IOC limit order of
 * {@code qty} contracts of {@code symbol} at {@code limitPrice} or better, and, should the package
 * have to be taken apart, the price at which a fill of this leg is closed again: the closing order
 * (opposite side, reduce-only, IOC) is limited to {@code unwindLimitPrice}, which for a BUY leg is
 * the least it may be sold back at and for a SELL leg the most it may be bought back at. The caller
 * prices both from the chain it judged the package on; the executor never makes a price up.
 *
 * <p>Invariants: symbol non-blank; qty, limitPrice and unwindLimitPrice > 0.
 */
public record PackageLeg(String symbol, Side side, BigDecimal qty, BigDecimal limitPrice, BigDecimal unwindLimitPrice) {
    public PackageLeg {
        if (symbol == null || symbol.isBlank()) throw new IllegalArgumentException("leg symbol is blank");
        Objects.requireNonNull(side, "side");
        positive(qty, "qty");
        positive(limitPrice, "limitPrice");
        positive(unwindLimitPrice, "unwindLimitPrice");
    }

    /**
     * A leg at {@code price}, closed again (should the package be unwound) {@code unwindSlippage} (a
     * fraction in [0, 1)) worse: a BUY leg sold back at price × (1 − s), a SELL leg bought back at
     * price × (1 + s).
     */
    public static PackageLeg of(String symbol, Side side, BigDecimal qty, BigDecimal price, BigDecimal unwindSlippage) {
        if (unwindSlippage.signum() < 0 || unwindSlippage.compareTo(BigDecimal.ONE) >= 0) {
            throw new IllegalArgumentException("unwind slippage must be in [0, 1), got " + unwindSlippage.toPlainString());
        }
        BigDecimal factor = side == Side.BUY ? BigDecimal.ONE.subtract(unwindSlippage) : BigDecimal.ONE.add(unwindSlippage);
        return new PackageLeg(symbol, side, qty, price, price.multiply(factor));
    }

    private static void positive(BigDecimal v, String name) {
        Objects.requireNonNull(v, name);
        if (v.signum() <= 0) throw new IllegalArgumentException("leg " + name + " must be > 0, got " + v.toPlainString());
    }
}
