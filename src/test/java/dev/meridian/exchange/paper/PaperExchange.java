package dev.meridian.exchange.paper;

import dev.meridian.core.Fill;
import dev.meridian.core.Order;

import java.math.BigDecimal;

/**
 * Simulated market-order fills: the whole quantity fills at the decision price moved against the
 * order by {@code slippageBps} (a buy pays more, a sell receives less), with a taker fee of
 * {@code feeBps} of the filled notional. All arithmetic is exact decimal, so
 * {@code slippage = qty × |price − refPrice|} and {@code fee = qty × price × feeBps / 10⁴} hold to
 * the last digit. Deterministic.
 *
 * <p>{@link PaperVenue} is the full paper model (top of book, limits, post-only, partial and maker
 * fills, cancels). {@link #fill} stays as the immediate market-fill path the execution router uses
 * until the router moves onto {@link PaperVenue}; its behaviour is unchanged.
 */
public final class PaperExchange {
    private static final BigDecimal BPS = BigDecimal.valueOf(10_000);

    private final BigDecimal feeBps;
    private final BigDecimal slippageBps;

    public PaperExchange(BigDecimal feeBps, BigDecimal slippageBps) {
        if (feeBps.signum() < 0 || slippageBps.signum() < 0) throw new IllegalArgumentException("bps must be >= 0");
        this.feeBps = feeBps;
        this.slippageBps = slippageBps;
    }

    public Fill fill(Order order, long timeMs) {
        BigDecimal move = order.refPrice().multiply(slippageBps).divide(BPS);
        BigDecimal price = order.refPrice().add(order.side().sign() > 0 ? move : move.negate());
        BigDecimal slippage = order.qty().multiply(price.subtract(order.refPrice()).abs());
        BigDecimal fee = order.qty().multiply(price).multiply(feeBps).divide(BPS);
        return new Fill(order.id() + "-f1", order, order.qty(), price, fee, slippage, timeMs);
    }
}
