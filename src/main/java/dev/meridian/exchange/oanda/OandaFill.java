package dev.meridian.exchange.oanda;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * An {@code ORDER_FILL} transaction: one fill of one order. Amounts are in the account currency.
 *
 * @param transactionId   the fill transaction's id, unique in the account
 * @param orderId         OANDA's id of the filled order
 * @param clientOrderId   the order's {@code clientExtensions.id} (our {@code orderLinkId}), empty if none
 * @param units           signed: positive bought, negative sold
 * @param price           the fill price; OANDA's half spread is already in it
 * @param commission      commission charged, a positive amount that reduces the balance
 * @param financing       financing paid (negative) or received on the trades the fill closed
 * @param halfSpreadCost  the half spread's cost, already paid through {@code price}: information, not a fee
 * @param pl              P&L OANDA realized on the trades the fill closed
 */
public record OandaFill(String transactionId, String orderId, String clientOrderId, String instrument, BigDecimal units,
                        BigDecimal price, BigDecimal commission, BigDecimal financing, BigDecimal halfSpreadCost,
                        BigDecimal pl, long timeMs) {
    public OandaFill {
        Objects.requireNonNull(transactionId, "transactionId");
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(clientOrderId, "clientOrderId");
        Objects.requireNonNull(instrument, "instrument");
        Objects.requireNonNull(commission, "commission");
        Objects.requireNonNull(financing, "financing");
        Objects.requireNonNull(halfSpreadCost, "halfSpreadCost");
        Objects.requireNonNull(pl, "pl");
        if (units.signum() == 0) throw new IllegalArgumentException("a fill has units != 0");
        if (price.signum() <= 0) throw new IllegalArgumentException("a fill price must be > 0, got " + price.toPlainString());
    }
}
