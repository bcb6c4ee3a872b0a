package dev.meridian.core;

import java.util.List;
import java.util.Objects;

/**
 * Every option contract a venue quoted on one base coin at one moment, as far as it could be read:
 * {@code tickers} are the rows that parsed and matched a listed, trading instrument;
 * {@code skipped} says, one sentence per row, why each other row was left out (malformed, not
 * listed, not trading). Rows are skipped, never repaired: a guessed price or greek is worse than a
 * missing contract.
 *
 * <p>Invariants: {@code baseCoin} non-blank; {@code timeMs} is the venue's server time of the
 * ticker answer; both lists immutable; symbols in {@code tickers} are unique.
 */
public record OptionBoard(String baseCoin, long timeMs, List<OptionTicker> tickers, List<String> skipped) {
    public OptionBoard {
        if (baseCoin == null || baseCoin.isBlank()) throw new IllegalArgumentException("option board base coin is blank");
        tickers = List.copyOf(Objects.requireNonNull(tickers, "tickers"));
        skipped = List.copyOf(Objects.requireNonNull(skipped, "skipped"));
        if (tickers.stream().map(OptionTicker::symbol).distinct().count() != tickers.size()) {
            throw new IllegalArgumentException(baseCoin + " option board: a symbol appears twice");
        }
    }
}
