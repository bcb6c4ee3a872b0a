package dev.meridian.exchange.oanda;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * One transaction of the account's history ({@code GET .../transactions/sinceid}), read as far as
 * the venue needs it: an {@code ORDER_FILL} in detail, any other type by id and type only. Every
 * transaction has OANDA's id (an increasing integer, unique in the account), so a reader can always
 * move past it, including past one it could not read.
 */
sealed interface OandaTransaction permits OandaTransaction.Fill, OandaTransaction.Financing, OandaTransaction.Other,
        OandaTransaction.Unreadable {
    long id();

    /**
     * An {@code ORDER_FILL}: one fill of one order, which may close or reduce existing trades and may
     * open a new one. OANDA reports each part: {@code tradesClosed} (trades it closed whole),
     * {@code tradeReduced} (the trade it closed in part) and {@code tradeOpened}.
     *
     * @param fill                   the fill as every fill is read ({@link OandaWire#fill}): units signed,
     *                               price, commission, client order id (empty if the order had none)
     * @param reason                 OANDA's {@code OrderFillReason}: the kind of order that filled, e.g.
     *                               MARKET_ORDER or LIMIT_ORDER (a client's order), STOP_LOSS_ORDER,
     *                               TAKE_PROFIT_ORDER, TRAILING_STOP_LOSS_ORDER (an order attached to a trade),
     *                               MARKET_ORDER_TRADE_CLOSE, MARKET_ORDER_POSITION_CLOSEOUT (a close asked
     *                               through the trade or position endpoints, or by hand),
     *                               MARKET_ORDER_MARGIN_CLOSEOUT (OANDA's margin closeout)
     * @param closedUnits            units of the fill that closed or reduced existing trades, unsigned, at
     *                               most the fill's units
     * @param openedUnits            units of the fill that opened a new trade, unsigned, at most the fill's units
     * @param guaranteedExecutionFee the fee for closing trades that had a guaranteed stop loss, in the account
     *                               currency (zero without one): a charge like the commission
     */
    record Fill(long id, OandaFill fill, String reason, BigDecimal closedUnits, BigDecimal openedUnits,
                BigDecimal guaranteedExecutionFee) implements OandaTransaction {
        public Fill {
            Objects.requireNonNull(fill, "fill");
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(guaranteedExecutionFee, "guaranteedExecutionFee");
            BigDecimal units = fill.units().abs();
            if (closedUnits == null || closedUnits.signum() < 0 || closedUnits.compareTo(units) > 0) {
                throw new IllegalArgumentException("closed units must be 0.." + units.toPlainString() + ", got " + closedUnits);
            }
            if (openedUnits == null || openedUnits.signum() < 0 || openedUnits.compareTo(units) > 0) {
                throw new IllegalArgumentException("opened units must be 0.." + units.toPlainString() + ", got " + openedUnits);
            }
        }
    }

    /**
     * A {@code DAILY_FINANCING}: the overnight financing OANDA paid or charged, per position
     * ({@code positionFinancings}: instrument → amount in the account currency, negative = charged).
     */
    record Financing(long id, long timeMs, java.util.Map<String, BigDecimal> byInstrument) implements OandaTransaction {
        public Financing {
            byInstrument = java.util.Map.copyOf(byInstrument);
        }
    }

    /** Any other type ({@code STOP_LOSS_ORDER} creation, {@code ORDER_CANCEL}, ...). */
    record Other(long id, String type) implements OandaTransaction {
        public Other {
            Objects.requireNonNull(type, "type");
        }
    }

    /**
     * A transaction with an id whose other fields do not read as its type requires ({@code type} is
     * empty when it was missing). Kept rather than failing its page: the same bytes would fail every
     * time, and the transactions after it must still be read.
     */
    record Unreadable(long id, String type, String problem) implements OandaTransaction {
        public Unreadable {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(problem, "problem");
        }
    }
}
