package dev.meridian.exchange.bybit.parse;

import dev.meridian.core.Category;
import dev.meridian.core.Kline;
import dev.meridian.core.Ticker;
import dev.meridian.core.TradePrint;

import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * What one Bybit V5 public-stream text frame meant, as decoded by {@link BybitFrameDecoder}.
 * Exactly one variant per frame; a frame that is not understood in full is {@link Malformed}, never
 * partly decoded. Lists are immutable and never contain null.
 */
public sealed interface BybitFrame {

    /** A {@code publicTrade.*} frame: the trades in exchange order (ascending fill time). */
    record Trades(List<TradePrint> trades) implements BybitFrame {
        public Trades {
            trades = List.copyOf(trades);
        }
    }

    /**
     * A {@code tickers.*} frame. On a snapshot, {@code values} is the whole ticker as sent. On a
     * delta (linear only), {@code values} carries only the fields this frame changed and every
     * other field is null meaning "unchanged", so it is not a usable ticker on its own: feed it to
     * a {@link TickerBook} to get the merged one. {@code values.timeMs()} is the frame's {@code ts}.
     */
    record TickerUpdate(boolean snapshot, Ticker values) implements BybitFrame {
        public TickerUpdate {
            Objects.requireNonNull(values, "values");
        }
    }

    /** A {@code kline.*} frame: one or more candles of the topic's symbol and interval. */
    record KlineUpdate(List<Kline> klines) implements BybitFrame {
        public KlineUpdate {
            klines = List.copyOf(klines);
        }
    }

    /**
     * An {@code orderbook.{depth}.*} frame. {@code bids} and {@code asks} are in wire order (a
     * snapshot sends bids descending and asks ascending; a delta in any order); a size of zero in a
     * delta deletes the level. {@code updateId} is Bybit's {@code u} (1 after a service restart);
     * {@code seq} is the cross sequence or {@link #ABSENT} (option books do not send it);
     * {@code timeMs} is {@code ts}; {@code matchTimeMs} is the matching engine's {@code cts} or
     * {@link #ABSENT}. Apply it with {@link OrderBook#apply}.
     */
    record BookUpdate(Category category, String symbol, int depth, boolean snapshot, long updateId, long seq,
                      long timeMs, long matchTimeMs, List<BookLevel> bids, List<BookLevel> asks)
            implements BybitFrame {
        /** The value of {@code seq} or {@code matchTimeMs} when the frame did not carry the field. */
        public static final long ABSENT = -1;

        public BookUpdate {
            Objects.requireNonNull(category, "category");
            Objects.requireNonNull(symbol, "symbol");
            bids = List.copyOf(bids);
            asks = List.copyOf(asks);
        }
    }

    /**
     * The answer to a request we sent ({@code subscribe}, {@code unsubscribe}, {@code auth}, or a
     * failed {@code ping}), in any of the endpoint shapes: spot and linear
     * ({@code success, ret_msg, op, req_id}), private ({@code success, ret_msg, op}) and option
     * ({@code success, data: {failTopics, successTopics}, type: COMMAND_RESP}, which names neither
     * the op nor the request). Strings are as sent, null when absent; the topic lists are empty
     * when the shape has none (only the option shape lists topics).
     */
    record Ack(boolean success, String op, String retMsg, List<String> failTopics, List<String> successTopics,
               String reqId) implements BybitFrame {
        public Ack {
            failTopics = List.copyOf(failTopics);
            successTopics = List.copyOf(successTopics);
        }
    }

    /**
     * A heartbeat answer, in any shape: spot and linear ({@code op: ping, ret_msg: pong}), option
     * and private ({@code op: pong, args: [ms]}) and trade ({@code op: pong, data: [ms]}).
     * {@code reqId} is as sent (null when absent); {@code serverTimeMs} is present only in the
     * shapes that echo the server's clock.
     */
    record Pong(String reqId, OptionalLong serverTimeMs) implements BybitFrame {
        public Pong {
            Objects.requireNonNull(serverTimeMs, "serverTimeMs");
        }
    }

    /**
     * A frame that was dropped: not one JSON object, a field of the wrong JSON type, a missing
     * required field, an invalid number (not a finite decimal; a trade, kline or book price not
     * {@code > 0}; a negative ticker price, size or volume), a kline whose high and low do not
     * contain its open and close, data that contradicts its topic, or an unknown topic.
     * {@code reason} names the field; it never quotes the whole frame.
     */
    record Malformed(String reason) implements BybitFrame {
        public Malformed {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
