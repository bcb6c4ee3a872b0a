package dev.meridian.exchange.bybit.rest;

import dev.meridian.exchange.JsonFields;

import dev.meridian.core.Category;
import dev.meridian.core.Instrument;
import dev.meridian.core.Kline;
import dev.meridian.core.OptionBoard;
import dev.meridian.core.Ticker;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;

import java.net.URI;
import java.time.Clock;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Bybit V5 public market data over REST: candles, instruments and tickers, as {@code core} records.
 *
 * <p>Contract shared by every call: it never blocks; the future fails instead of throwing;
 * decimals are exact {@link java.math.BigDecimal}s built from Bybit's strings; a field Bybit
 * promises but leaves out fails the call with a {@link BybitResponseException} naming it. A non-zero
 * {@code retCode} fails with {@link BybitApiException}. HTTP 429 and 5xx, retCode 10006 (rate
 * limit) and 10016 (server error), timeouts and broken connections are retried with capped
 * exponential backoff (stretched to {@code X-Bapi-Limit-Reset-Timestamp} when Bybit sends it) up
 * to {@link BybitRestSettings#maxAttempts()}, then fail with {@link BybitRetriesExhaustedException}.
 * HTTP 403 (Bybit's IP ban) is never retried.
 *
 * <p>Instrument fields by category: spot fills {@code qtyStep} from {@code basePrecision},
 * {@code minOrderAmt} from {@code minOrderAmt}, {@code maxOrderQty} from {@code maxLimitOrderQty}
 * (or the deprecated {@code maxOrderQty}), {@code minOrderQty} when sent (Bybit no longer checks
 * it), no leverage. Linear fills {@code qtyStep}, {@code minOrderQty}, {@code maxOrderQty},
 * {@code minOrderAmt} from {@code minNotionalValue} and the leverage filter (range and step), and lists perpetuals
 * only: {@link Category#LINEAR} means perpetuals here ({@code AssetClass.PERP}) and an
 * {@link Instrument} has no expiry, so a dated future would pass for one. Options fill
 * {@code qtyStep}, {@code minOrderQty}, {@code maxOrderQty} and the {@link Instrument.OptionSpec}
 * parsed by {@link OptionSymbol} and checked against {@code baseCoin}, {@code optionsType},
 * {@code deliveryTime} and {@code settleCoin}. Bybit lists options per base coin, hence
 * {@link #optionInstruments}, {@link #optionTickers} and {@link #optionBoard} (the two joined, row-tolerant). Spot's {@code quotePrecision} has no home
 * in {@link Instrument} and is not read.
 */
public final class BybitMarketRest {
    static final String KLINE = "/v5/market/kline";
    static final String INSTRUMENTS = "/v5/market/instruments-info";
    static final String TICKERS = "/v5/market/tickers";
    /** Bybit's largest page for klines and instruments; fewer round trips for the same data. */
    static final int PAGE_LIMIT = 1000;
    /** Kline lengths Bybit serves, in seconds, with its wire names; a calendar month has no fixed length, so "M" is out. */
    private static final Map<Integer, String> INTERVALS = intervals();

    private final WebClient client;
    private final BybitHttp http;
    private final Clock clock;

    /** A client of {@code baseUrl} with {@link BybitRestSettings#defaults} and the UTC system clock. */
    public BybitMarketRest(Vertx vertx, URI baseUrl) {
        this(vertx, BybitRestSettings.defaults(baseUrl), Clock.systemUTC());
    }

    /** A client with its own {@link WebClient}; {@code clock} decides which candle is still open. */
    public BybitMarketRest(Vertx vertx, BybitRestSettings settings, Clock clock) {
        Objects.requireNonNull(vertx, "vertx");
        Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.client = WebClient.create(vertx, new WebClientOptions()
                .setUserAgent("meridian")
                .setConnectTimeout(Math.toIntExact(settings.requestTimeout().toMillis())));
        this.http = new BybitHttp(vertx, client, settings, clock);
    }

    /**
     * Candles of {@code symbol} whose start time lies in {@code [startMs, endMs]}, oldest first, one
     * per start time, exact as Bybit sent them. Every candle is {@code confirm=true} except one whose
     * interval has not ended at the clock's now.
     *
     * <p>Pages backwards from {@code endMs}: each request asks for up to {@value #PAGE_LIMIT} candles
     * ending just before the oldest one seen, until a page reaches {@code startMs} or comes back with
     * nothing older. A short page is not taken as the end, because Bybit's docs have given the kline
     * page cap as both 200 and 1000; the price is one extra request when history starts after
     * {@code startMs}.
     *
     * @param c          {@link Category#SPOT} or {@link Category#LINEAR} (Bybit has no option klines)
     * @param intervalSec 60, 180, 300, 900, 1800, 3600, 7200, 14400, 21600, 43200, 86400 or 604800
     */
    public Future<List<Kline>> klines(Category c, String symbol, int intervalSec, long startMs, long endMs) {
        String interval = INTERVALS.get(intervalSec);
        if (c == null || c == Category.OPTION) return invalid("klines need category SPOT or LINEAR, got " + c);
        if (symbol == null || symbol.isBlank()) return invalid("klines need a symbol");
        if (interval == null) return invalid("kline interval must be one of " + INTERVALS.keySet() + " s, got " + intervalSec);
        if (startMs < 0 || endMs < startMs) return invalid("need 0 <= startMs <= endMs, got " + startMs + ", " + endMs);
        TreeMap<Long, Kline> byStart = new TreeMap<>();
        return klinePages(c, symbol, intervalSec, interval, startMs, endMs, endMs, byStart)
                .map(v -> List.copyOf(byStart.values()));
    }

    private Future<Void> klinePages(Category c, String symbol, int intervalSec, String interval, long startMs,
                                    long endMs, long pageEnd, TreeMap<Long, Kline> byStart) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("category", c.wire());
        params.put("symbol", symbol);
        params.put("interval", interval);
        params.put("start", Long.toString(startMs));
        params.put("end", Long.toString(pageEnd));
        params.put("limit", Integer.toString(PAGE_LIMIT));
        return http.get(KLINE, params, env -> MarketParse.klines(env.result(), c, symbol, intervalSec, clock.millis()))
                .compose(page -> {
                    long oldest = Long.MAX_VALUE;
                    for (Kline k : page) {
                        oldest = Math.min(oldest, k.startMs());
                        // Bybit may also return the candle containing `start`, which begins before it.
                        if (k.startMs() >= startMs && k.startMs() <= endMs) byStart.putIfAbsent(k.startMs(), k);
                    }
                    // Nothing at or before pageEnd means there is nothing older to fetch.
                    if (oldest <= startMs || oldest > pageEnd) return Future.succeededFuture();
                    return klinePages(c, symbol, intervalSec, interval, startMs, endMs, oldest - 1, byStart);
                });
    }

    /**
     * Every spot or linear instrument Bybit lists as trading (its default filter), following
     * {@code nextPageCursor} until the last page, de-duplicated by symbol, in Bybit's order.
     */
    public Future<List<Instrument>> instruments(Category c) {
        if (c == null || c == Category.OPTION) {
            return invalid("instruments(c) takes SPOT or LINEAR; Bybit lists options per base coin: use optionInstruments");
        }
        return instrumentPages(c, new LinkedHashMap<>(Map.of("category", c.wire())));
    }

    /** Every option on {@code baseCoin} (e.g. {@code BTC}) that Bybit lists (PreLaunch, Trading, Delivering), paged like {@link #instruments}. */
    public Future<List<Instrument>> optionInstruments(String baseCoin) {
        if (baseCoin == null || baseCoin.isBlank()) return invalid("optionInstruments needs a base coin");
        Map<String, String> params = new LinkedHashMap<>();
        params.put("category", Category.OPTION.wire());
        params.put("baseCoin", baseCoin);
        return instrumentPages(Category.OPTION, params);
    }

    private Future<List<Instrument>> instrumentPages(Category c, Map<String, String> params) {
        // Spot has no paging: Bybit calls limit and cursor invalid there.
        if (c != Category.SPOT) params.put("limit", Integer.toString(PAGE_LIMIT));
        Map<String, Instrument> bySymbol = new LinkedHashMap<>();
        return instrumentPage(c, params, null, new HashSet<>(), bySymbol).map(v -> List.copyOf(bySymbol.values()));
    }

    private Future<Void> instrumentPage(Category c, Map<String, String> baseParams, String cursor,
                                        Set<String> seenCursors, Map<String, Instrument> bySymbol) {
        Map<String, String> params = new LinkedHashMap<>(baseParams);
        if (cursor != null) params.put("cursor", cursor);
        return http.get(INSTRUMENTS, params, env -> {
            MarketParse.InstrumentPage page = MarketParse.instruments(env.result(), c);
            // A cursor seen before would page forever.
            if (page.nextCursor() != null && !seenCursors.add(page.nextCursor())) {
                throw new JsonFields.Malformed("result.nextPageCursor", "repeats an earlier cursor \"" + page.nextCursor() + "\"");
            }
            return page;
        }).compose(page -> {
            page.instruments().forEach(i -> bySymbol.putIfAbsent(i.symbol(), i));
            if (page.nextCursor() == null) return Future.succeededFuture();
            return instrumentPage(c, baseParams, page.nextCursor(), seenCursors, bySymbol);
        });
    }

    /**
     * Every spot or linear ticker (linear includes dated futures; join with {@link #instruments} to
     * keep perpetuals), each stamped with the response's server time.
     */
    public Future<List<Ticker>> tickers(Category c) {
        if (c == null || c == Category.OPTION) {
            return invalid("tickers(c) takes SPOT or LINEAR; Bybit needs a base coin for options: use optionTickers");
        }
        return tickers(c, Map.of("category", c.wire()));
    }

    /** Every option ticker on {@code baseCoin}, with mark IV and greeks. */
    public Future<List<Ticker>> optionTickers(String baseCoin) {
        if (baseCoin == null || baseCoin.isBlank()) return invalid("optionTickers needs a base coin");
        Map<String, String> params = new LinkedHashMap<>();
        params.put("category", Category.OPTION.wire());
        params.put("baseCoin", baseCoin);
        return tickers(Category.OPTION, params);
    }

    /**
     * The quoted option chain of {@code baseCoin}: its listing ({@link #optionInstruments}) joined
     * with its tickers into an {@link OptionBoard}, stamped with the tickers answer's server time.
     * A ticker row that is malformed, unlisted or not Trading is skipped and named in
     * {@link OptionBoard#skipped()} ({@link OptionBoardParse}); the call fails only when the
     * listing or the answer as a whole cannot be read.
     */
    public Future<OptionBoard> optionBoard(String baseCoin) {
        if (baseCoin == null || baseCoin.isBlank()) return invalid("optionBoard needs a base coin");
        Map<String, String> params = new LinkedHashMap<>();
        params.put("category", Category.OPTION.wire());
        params.put("baseCoin", baseCoin);
        return optionInstruments(baseCoin).compose(listed -> {
            Map<String, Instrument> bySymbol = new LinkedHashMap<>();
            listed.forEach(i -> bySymbol.put(i.symbol(), i));
            return http.get(TICKERS, params, env -> OptionBoardParse.board(baseCoin, env.result(), bySymbol, env.timeMs()));
        });
    }

    private Future<List<Ticker>> tickers(Category c, Map<String, String> params) {
        return http.get(TICKERS, params, env -> MarketParse.tickers(env.result(), c, env.timeMs()));
    }

    /** Closes the underlying web client; calls made afterwards fail. */
    public void close() {
        client.close();
    }

    private static <T> Future<T> invalid(String message) {
        return Future.failedFuture(new IllegalArgumentException(message));
    }

    private static Map<Integer, String> intervals() {
        Map<Integer, String> m = new LinkedHashMap<>();
        for (int min : new int[]{1, 3, 5, 15, 30, 60, 120, 240, 360, 720}) m.put(min * 60, Integer.toString(min));
        m.put(86_400, "D");
        m.put(604_800, "W");
        return Collections.unmodifiableMap(m);
    }
}
