package dev.meridian.market;

import dev.meridian.config.LiveMarketConfig.TopPairsConfig;
import dev.meridian.core.Category;
import dev.meridian.core.Instrument;
import dev.meridian.core.Ticker;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Top_Pairs: which spot and linear symbols to stream besides the configured core universe.
 *
 * <p>A symbol of {@link #RANKED} categories is eligible when its instrument is listed and
 * {@code Trading}, its quote coin is {@code quoteCoin}, its 24 h turnover (quote currency) is at
 * least {@code minTurnoverUsd}, and its book has a bid above zero and an ask not below it with a
 * spread, {@code (ask − bid) / mid} in basis points, of at most {@code maxSpreadBps}. A ticker
 * without an instrument (e.g. a dated linear future) or without turnover or a two-sided book is
 * not eligible. The {@code maxPerCategory} eligible symbols with the highest turnover that are not
 * already core join the core. Core symbols are always kept, whatever their data says; categories
 * outside {@link #RANKED} (options) are the core alone.
 *
 * <p>Every list is in one deterministic order: turnover descending, then symbol; symbols without a
 * turnover come last, by symbol. The comparisons are exact decimals, so the same inputs always
 * give the same universe. Pure: no clock, no I/O; the caller keeps the previous universe and
 * passes it back to get the diff its stream subscriptions follow.
 */
public final class TopPairs {
    /** The categories ranked by turnover. */
    public static final Set<Category> RANKED = EnumSet.of(Category.SPOT, Category.LINEAR);
    private static final BigDecimal TWICE_BPS = BigDecimal.valueOf(20_000);

    private final Map<Category, List<String>> core;
    private final TopPairsConfig settings;

    /**
     * @param core     symbols always in the universe, per category ({@code market.live.universe})
     * @param settings {@code market.live.top_pairs}
     */
    public TopPairs(Map<Category, List<String>> core, TopPairsConfig settings) {
        Map<Category, List<String>> copy = new EnumMap<>(Category.class);
        core.forEach((c, symbols) -> copy.put(Objects.requireNonNull(c, "category"), List.copyOf(symbols)));
        this.core = copy;
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /**
     * The new universe and how it differs from {@code previous}.
     *
     * @param universe every category that has a symbol now, or had one in {@code previous}, with its
     *                 symbols (an empty list for a category that emptied)
     * @param added    per category of {@code universe}, symbols new since {@code previous}, by symbol
     * @param removed  per category of {@code universe}, symbols gone since {@code previous}, by symbol
     */
    public record Update(Map<Category, List<String>> universe, Map<Category, List<String>> added,
                         Map<Category, List<String>> removed) {
        public Update {
            universe = frozen(universe);
            added = frozen(added);
            removed = frozen(removed);
        }

        private static Map<Category, List<String>> frozen(Map<Category, List<String>> m) {
            Map<Category, List<String>> copy = new EnumMap<>(Category.class);
            m.forEach((c, l) -> copy.put(c, List.copyOf(l)));
            return Collections.unmodifiableMap(copy);
        }

        /** Whether any category gained or lost a symbol. */
        public boolean changed() {
            return added.values().stream().anyMatch(l -> !l.isEmpty()) || removed.values().stream().anyMatch(l -> !l.isEmpty());
        }
    }

    /**
     * Ranks {@code tickers} against {@code instruments} and diffs the result against {@code previous}.
     * Both maps need every {@link #RANKED} category while ranking is on ({@code maxPerCategory > 0}):
     * a category missing because its fetch failed would otherwise read as "nothing qualifies" and
     * drop every ranked symbol.
     *
     * @param previous the universe of the last update; an empty map the first time
     * @throws IllegalArgumentException when a ranked category's data is missing or a ticker repeats
     */
    public Update rank(Map<Category, List<Ticker>> tickers, Map<Category, List<Instrument>> instruments,
                       Map<Category, List<String>> previous) {
        Set<Category> categories = EnumSet.noneOf(Category.class);
        categories.addAll(RANKED);
        categories.addAll(core.keySet());
        categories.addAll(previous.keySet());
        Map<Category, List<String>> universe = new EnumMap<>(Category.class);
        Map<Category, List<String>> added = new EnumMap<>(Category.class);
        Map<Category, List<String>> removed = new EnumMap<>(Category.class);
        for (Category c : categories) {
            List<String> now = universe(c, tickers, instruments);
            List<String> before = previous.getOrDefault(c, List.of());
            if (now.isEmpty() && before.isEmpty()) continue;
            universe.put(c, now);
            added.put(c, minus(now, before));
            removed.put(c, minus(before, now));
        }
        return new Update(universe, added, removed);
    }

    private List<String> universe(Category c, Map<Category, List<Ticker>> tickers,
                                  Map<Category, List<Instrument>> instruments) {
        List<String> coreSymbols = core.getOrDefault(c, List.of());
        Map<String, BigDecimal> turnover = new HashMap<>();
        Set<String> members = new LinkedHashSet<>(coreSymbols);
        if (RANKED.contains(c) && settings.maxPerCategory() > 0) {
            List<Ticker> ts = require(tickers, c, "tickers");
            Map<String, Instrument> listed = new HashMap<>();
            for (Instrument i : require(instruments, c, "instruments")) listed.put(i.symbol(), i);
            List<Ticker> eligible = new ArrayList<>();
            for (Ticker t : ts) {
                if (turnover.containsKey(t.symbol())) {
                    throw new IllegalArgumentException(c + " ticker " + t.symbol() + " appears twice");
                }
                turnover.put(t.symbol(), t.turnover24h());
                if (eligible(t, listed.get(t.symbol()))) eligible.add(t);
            }
            eligible.stream()
                    .filter(t -> !coreSymbols.contains(t.symbol()))
                    .map(Ticker::symbol)
                    .sorted(order(turnover))
                    .limit(settings.maxPerCategory())
                    .forEach(members::add);
        }
        List<String> sorted = new ArrayList<>(members);
        sorted.sort(order(turnover));
        return List.copyOf(sorted);
    }

    private boolean eligible(Ticker t, Instrument i) {
        if (i == null || !i.trading() || !settings.quoteCoin().equals(i.quoteCoin())) return false;
        BigDecimal turnover = t.turnover24h();
        if (turnover == null || turnover.compareTo(settings.minTurnoverUsd()) < 0) return false;
        BigDecimal bid = t.bid1Price();
        BigDecimal ask = t.ask1Price();
        if (bid == null || ask == null || bid.signum() <= 0 || ask.compareTo(bid) < 0) return false;
        // (ask − bid) / ((ask + bid) / 2) × 10⁴ ≤ max, multiplied out so no division rounds
        return ask.subtract(bid).multiply(TWICE_BPS).compareTo(settings.maxSpreadBps().multiply(ask.add(bid))) <= 0;
    }

    /** Turnover descending, then symbol; a symbol without turnover sorts after every one with. */
    private static Comparator<String> order(Map<String, BigDecimal> turnover) {
        Comparator<BigDecimal> desc = Comparator.nullsLast(Comparator.<BigDecimal>reverseOrder());
        return Comparator.comparing((String s) -> turnover.get(s), desc).thenComparing(Comparator.naturalOrder());
    }

    private static <T> List<T> require(Map<Category, List<T>> data, Category c, String what) {
        List<T> l = data.get(c);
        if (l == null) throw new IllegalArgumentException("Top_Pairs needs " + c + " " + what + " to rank");
        return l;
    }

    private static List<String> minus(List<String> a, List<String> b) {
        Set<String> out = new TreeSet<>(a);
        b.forEach(out::remove);
        return List.copyOf(out);
    }
}
