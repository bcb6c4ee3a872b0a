package dev.meridian.exchange.bybit.parse;

import dev.meridian.core.Category;
import dev.meridian.core.Ticker;
import dev.meridian.exchange.bybit.parse.BybitFrame.TickerUpdate;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The current ticker of every symbol of one category's public stream. A snapshot replaces the
 * symbol's ticker; a delta (linear sends one snapshot, then deltas carrying only the fields that
 * changed) is merged field by field onto it: a field the delta carries wins, every other field
 * keeps its last value, and the time becomes the delta's. A delta for a symbol never seen in a
 * snapshot has nothing to merge onto: it is dropped and counted, never turned into a ticker with
 * holes. Not thread-safe: one per connection, like the decoder.
 */
public final class TickerBook {
    private final Category category;
    private final Map<String, Ticker> tickers = new HashMap<>();
    private long deltasWithoutSnapshot;

    public TickerBook(Category category) {
        this.category = Objects.requireNonNull(category, "category");
    }

    /**
     * Applies one decoded ticker frame and returns the symbol's ticker after it, or empty when a
     * delta was dropped for lack of a snapshot.
     *
     * @throws IllegalArgumentException when the update is of another category (a wiring bug)
     */
    public Optional<Ticker> apply(TickerUpdate update) {
        Ticker values = update.values();
        if (values.category() != category) {
            throw new IllegalArgumentException(values.category() + " ticker applied to the " + category + " book");
        }
        if (update.snapshot()) {
            tickers.put(values.symbol(), values);
            return Optional.of(values);
        }
        Ticker last = tickers.get(values.symbol());
        if (last == null) {
            deltasWithoutSnapshot++;
            return Optional.empty();
        }
        Ticker merged = new Ticker(category, last.symbol(), values.timeMs(),
                or(values.lastPrice(), last.lastPrice()), or(values.bid1Price(), last.bid1Price()),
                or(values.ask1Price(), last.ask1Price()), or(values.volume24h(), last.volume24h()),
                or(values.turnover24h(), last.turnover24h()), or(values.markPrice(), last.markPrice()),
                or(values.indexPrice(), last.indexPrice()), or(values.fundingRate(), last.fundingRate()),
                or(values.markIv(), last.markIv()), or(values.delta(), last.delta()), or(values.gamma(), last.gamma()),
                or(values.vega(), last.vega()), or(values.theta(), last.theta()));
        tickers.put(merged.symbol(), merged);
        return Optional.of(merged);
    }

    private static BigDecimal or(BigDecimal changed, BigDecimal last) {
        return changed != null ? changed : last;
    }

    /** The symbol's merged ticker, or empty before its first snapshot. */
    public Optional<Ticker> get(String symbol) {
        return Optional.ofNullable(tickers.get(symbol));
    }

    /** Deltas dropped because their symbol had no snapshot yet. */
    public long deltasWithoutSnapshot() {
        return deltasWithoutSnapshot;
    }
}
