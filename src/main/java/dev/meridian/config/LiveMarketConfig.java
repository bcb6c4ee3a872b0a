package dev.meridian.config;

import dev.meridian.core.Category;

import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Live market data settings ({@code market.live} in conf/meridian.json).
 *
 * @param universe        the symbols always streamed, per category (Top_Pairs adds to them); under
 *                        {@code OPTION} the base coins (e.g. {@code BTC}) whose option chain is read
 *                        from the venue and traded by the OPTIONS mode, on the bars of the coin's
 *                        {@code <coin>USDT} spot symbol, which the SPOT universe must list
 * @param quietBarGraceMs wall time after an interval's end before a quiet market's bar is closed
 * @param klineGraceMs    how long a finished bar waits for the exchange's confirmed kline
 * @param backfillBars    bars of history fetched per symbol and timeframe at start
 * @param topPairs        Top_Pairs ranking settings
 */
public record LiveMarketConfig(Map<Category, List<String>> universe, int quietBarGraceMs, int klineGraceMs,
                               int backfillBars, TopPairsConfig topPairs) {
    static final Range GRACE_MS = Range.ints(0, 60_000);
    static final Range BACKFILL = Range.ints(0, 5_000);

    /**
     * @param maxPerCategory symbols added per category beyond the core universe (0 turns ranking off)
     * @param minTurnoverUsd minimum 24 h turnover in quote currency
     * @param maxSpreadBps   maximum bid/ask spread
     * @param quoteCoin      quote currency of ranked symbols
     * @param refreshSec     how often the ranking is recomputed
     */
    public record TopPairsConfig(int maxPerCategory, BigDecimal minTurnoverUsd, BigDecimal maxSpreadBps,
                                 String quoteCoin, int refreshSec) {
        static final Range MAX = Range.ints(0, 100);
        static final Range REFRESH = Range.ints(60, 86_400);

        public TopPairsConfig {
            MAX.check("top_pairs.max_per_category", maxPerCategory);
            Range.closed("0", "1000000000000").check("top_pairs.min_turnover_usd", minTurnoverUsd);
            Range.openClosed("0", "10000").check("top_pairs.max_spread_bps", maxSpreadBps);
            Objects.requireNonNull(quoteCoin, "quoteCoin");
            REFRESH.check("top_pairs.refresh_sec", refreshSec);
        }
    }

    public LiveMarketConfig {
        Map<Category, List<String>> copy = new EnumMap<>(Category.class);
        universe.forEach((c, l) -> copy.put(c, List.copyOf(l)));
        universe = Map.copyOf(copy);
        if (universe.values().stream().allMatch(List::isEmpty)) throw new IllegalArgumentException("universe must name at least one symbol");
        List<String> spot = universe.getOrDefault(Category.SPOT, List.of());
        for (String coin : universe.getOrDefault(Category.OPTION, List.of())) {
            if (!coin.matches("[A-Z0-9]{2,10}")) {
                throw new IllegalArgumentException("universe.OPTION lists base coins such as \"BTC\", got \"" + coin + "\"");
            }
            if (!spot.contains(optionUnderlying(coin))) {
                throw new IllegalArgumentException("universe.OPTION " + coin + " needs " + optionUnderlying(coin)
                        + " in universe.SPOT: its bars drive the OPTIONS mode");
            }
        }
        GRACE_MS.check("quiet_bar_grace_ms", quietBarGraceMs);
        GRACE_MS.check("kline_grace_ms", klineGraceMs);
        BACKFILL.check("backfill_bars", backfillBars);
        Objects.requireNonNull(topPairs, "topPairs");
    }

    /** The spot symbol whose bars drive the OPTIONS mode on {@code baseCoin}'s options. */
    public static String optionUnderlying(String baseCoin) { return baseCoin + "USDT"; }

    /** The base coins whose options are traded ({@code universe.OPTION}). */
    public List<String> optionBaseCoins() { return universe.getOrDefault(Category.OPTION, List.of()); }
}
