package dev.meridian.exchange.oanda;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * One {@code PRICE} line of the pricing stream: the best bid and ask (the first level of
 * {@code bids} and {@code asks}), their exact mid, and whether OANDA would trade it now.
 * {@code timeMs} is OANDA's {@code time}, epoch ms (the nanoseconds it sends are cut to ms).
 *
 * <p>Invariants: bid > 0, ask > 0, mid = (bid + ask) / 2 exactly.
 */
public record OandaPrice(String instrument, long timeMs, BigDecimal bid, BigDecimal ask, BigDecimal mid, boolean tradeable) {
    private static final BigDecimal TWO = BigDecimal.valueOf(2);

    public OandaPrice {
        Objects.requireNonNull(instrument, "instrument");
        if (bid.signum() <= 0 || ask.signum() <= 0) {
            throw new IllegalArgumentException("bid and ask must be > 0, got " + bid.toPlainString() + " / " + ask.toPlainString());
        }
        if (mid.compareTo(midOf(bid, ask)) != 0) throw new IllegalArgumentException("mid must be (bid + ask) / 2");
    }

    public OandaPrice(String instrument, long timeMs, BigDecimal bid, BigDecimal ask, boolean tradeable) {
        this(instrument, timeMs, bid, ask, midOf(bid, ask), tradeable);
    }

    /** Exact: halving a finite decimal always terminates. */
    static BigDecimal midOf(BigDecimal bid, BigDecimal ask) {
        return bid.add(ask).divide(TWO);
    }
}
