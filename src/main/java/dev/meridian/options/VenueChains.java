package dev.meridian.options;

import dev.meridian.core.OptionBoard;
import dev.meridian.core.OptionTicker;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Turns a venue's {@link OptionBoard} (plain rows the exchange adapter read) into an
 * {@link OptionChain} of quoted ({@code synthetic = false}) {@link OptionQuote}s. It lives here,
 * not in the adapter, because {@code exchange} sits below {@code options}: the adapter hands over
 * venue-neutral {@code core} records and the option math decides what a quote is.
 *
 * <p>Per row: venue greeks through {@link Greeks#ofVenue} (the board's vega is per volatility
 * point and theta per day, as {@link OptionTicker} defines), mark IV as a fraction. A row the
 * chain cannot hold (already expired at the board's time, greeks that are not finite, or anything
 * {@link OptionQuote} refuses) is skipped and named, as the adapter's skips are; nothing is
 * repaired.
 *
 * <p>The chain's underlying price is the venue's spot index ({@code indexPrice}), the same on
 * every row of one answer: the option math prices with spot and a rate (Black–Scholes), and the
 * rails value delta at spot. The per-expiry {@code underlyingPrice} Bybit also sends is a forward
 * (spot carried to that expiry); using it as spot with a rate would count the carry twice. A board
 * whose rows carry no index price makes no chain: there is no price to guess.
 */
public final class VenueChains {
    private VenueChains() {
    }

    /** The chain and every row left out of it, each with its reason (the board's skips first). */
    public record Built(OptionChain chain, List<String> skipped) {
        public Built {
            Objects.requireNonNull(chain, "chain");
            skipped = List.copyOf(skipped);
        }
    }

    /**
     * The chain of {@code board}.
     *
     * @throws IllegalArgumentException when no row carries an index price
     */
    public static Built chain(OptionBoard board) {
        Objects.requireNonNull(board, "board");
        BigDecimal index = board.tickers().stream().map(OptionTicker::indexPrice).flatMap(Optional::stream).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(board.baseCoin() + " option board has no index price: no chain"));
        List<String> skipped = new ArrayList<>(board.skipped());
        List<OptionQuote> quotes = new ArrayList<>();
        for (OptionTicker t : board.tickers()) {
            if (t.spec().expiryMs() <= board.timeMs()) {
                skipped.add(t.symbol() + ": expired at the board's time");
                continue;
            }
            if (!t.spec().underlying().equals(board.baseCoin())) {
                skipped.add(t.symbol() + ": underlying " + t.spec().underlying() + " is not " + board.baseCoin());
                continue;
            }
            try {
                quotes.add(OptionQuote.quoted(t.symbol(), t.spec(), t.bid(), t.ask(), t.markPrice(),
                        t.markIv().map(v -> OptionalDouble.of(v.doubleValue())).orElse(OptionalDouble.empty()),
                        t.greeks().map(g -> Greeks.ofVenue(g.delta().doubleValue(), g.gamma().doubleValue(),
                                g.vegaPerVolPoint().doubleValue(), g.thetaPerDay().doubleValue()))));
            } catch (IllegalArgumentException e) {
                skipped.add(t.symbol() + ": " + e.getMessage());
            }
        }
        return new Built(new OptionChain(board.baseCoin(), board.timeMs(), index.doubleValue(), quotes), skipped);
    }
}
