package dev.meridian.options;

import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The option contracts of one underlying at one moment, with the underlying's price then.
 *
 * <p>Invariants: every contract has this underlying and expires after {@code timeMs}; symbols
 * are unique; {@code underlyingPrice} is finite and > 0. {@code contracts} is immutable and
 * ordered by expiry, then type (calls first), then strike.
 */
public record OptionChain(String underlying, long timeMs, double underlyingPrice, List<OptionQuote> contracts) {
    private static final Comparator<OptionQuote> ORDER = Comparator.comparingLong(OptionQuote::expiryMs)
            .thenComparing(OptionQuote::type).thenComparing(OptionQuote::strike);

    public OptionChain {
        if (underlying == null || underlying.isBlank()) throw new IllegalArgumentException("chain underlying is blank");
        if (!(underlyingPrice > 0) || Double.isInfinite(underlyingPrice)) {
            throw new IllegalArgumentException(underlying + " chain: underlying price must be > 0 and finite, got " + underlyingPrice);
        }
        Set<String> seen = new HashSet<>();
        for (OptionQuote q : Objects.requireNonNull(contracts, "contracts")) {
            if (!q.underlying().equals(underlying)) {
                throw new IllegalArgumentException(underlying + " chain: " + q.symbol() + " is on " + q.underlying());
            }
            if (q.expiryMs() <= timeMs) throw new IllegalArgumentException(underlying + " chain: " + q.symbol() + " has expired");
            if (!seen.add(q.symbol())) throw new IllegalArgumentException(underlying + " chain: " + q.symbol() + " appears twice");
        }
        contracts = contracts.stream().sorted(ORDER).toList();
    }

    /** The distinct expiries, earliest first. */
    public List<Long> expiries() {
        return contracts.stream().map(OptionQuote::expiryMs).distinct().toList();
    }

    /** The contracts of one expiry and type, by ascending strike. */
    public List<OptionQuote> contracts(long expiryMs, OptionType type) {
        return contracts.stream().filter(q -> q.expiryMs() == expiryMs && q.type() == type).toList();
    }

    public Optional<OptionQuote> contract(String symbol) {
        return contracts.stream().filter(q -> q.symbol().equals(symbol)).findFirst();
    }

    /** True when any contract was made up by {@link SyntheticChain}: results built on it must say so. */
    public boolean synthetic() {
        return contracts.stream().anyMatch(OptionQuote::synthetic);
    }
}
