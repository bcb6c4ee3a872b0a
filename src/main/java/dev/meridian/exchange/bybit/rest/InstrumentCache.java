package dev.meridian.exchange.bybit.rest;

import dev.meridian.core.Category;
import dev.meridian.core.Instrument;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The latest instrument list per category, looked up by symbol. The caller refreshes it by passing
 * a fetched list (e.g. from {@link BybitMarketRest#instruments}) to {@link #replace}; a list replaces
 * the category's previous one whole, so a delisted symbol disappears. Options are listed per base
 * coin on Bybit, so the caller concatenates those lists before replacing {@link Category#OPTION}.
 *
 * <p>Each category's snapshot is immutable and swapped in one write, so readers on other threads
 * see either the old list or the new one, never a mix.
 */
public final class InstrumentCache {
    private final Map<Category, Map<String, Instrument>> byCategory = new ConcurrentHashMap<>();

    /**
     * Makes {@code instruments} the category's list.
     *
     * @throws IllegalArgumentException when an instrument belongs to another category or a symbol repeats
     */
    public void replace(Category c, List<Instrument> instruments) {
        Objects.requireNonNull(c, "category");
        Map<String, Instrument> bySymbol = new LinkedHashMap<>();
        for (Instrument i : instruments) {
            if (i.category() != c) {
                throw new IllegalArgumentException(i.symbol() + " is " + i.category() + ", not " + c);
            }
            if (bySymbol.putIfAbsent(i.symbol(), i) != null) {
                throw new IllegalArgumentException(c + " " + i.symbol() + " appears twice");
            }
        }
        byCategory.put(c, Collections.unmodifiableMap(bySymbol));
    }

    /** The instrument, or empty when the category was never loaded or does not list the symbol. */
    public Optional<Instrument> find(Category c, String symbol) {
        return Optional.ofNullable(snapshot(c).get(symbol));
    }

    /** The category's instruments in the order they were given; empty when never loaded. */
    public List<Instrument> all(Category c) {
        return List.copyOf(snapshot(c).values());
    }

    private Map<String, Instrument> snapshot(Category c) {
        return byCategory.getOrDefault(c, Map.of());
    }
}
