package dev.meridian.exchange.oanda;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.Optional;

/**
 * An order as {@code GET .../orders/{specifier}} and {@code .../pendingOrders} return it.
 *
 * @param clientId                its {@code clientExtensions.id} (our {@code orderLinkId}), empty if none
 * @param type                    MARKET, LIMIT, STOP_LOSS, ...
 * @param state                   PENDING, FILLED, TRIGGERED or CANCELLED
 * @param units                   signed units; empty for orders that close a trade (stop loss, take profit)
 * @param fillingTransactionId    the {@code ORDER_FILL} transaction, once filled
 * @param cancellingTransactionId the {@code ORDER_CANCEL} transaction, once cancelled
 * @param tradeId                 the trade a dependent order (stop loss, take profit) belongs to; empty otherwise
 */
public record OandaOrder(String id, String clientId, String type, State state, Optional<BigDecimal> units,
                         Optional<String> fillingTransactionId, Optional<String> cancellingTransactionId,
                         Optional<String> tradeId) {
    /** OANDA's order states. */
    public enum State { PENDING, FILLED, TRIGGERED, CANCELLED }

    public OandaOrder {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(units, "units");
        Objects.requireNonNull(fillingTransactionId, "fillingTransactionId");
        Objects.requireNonNull(cancellingTransactionId, "cancellingTransactionId");
        Objects.requireNonNull(tradeId, "tradeId");
    }
}
