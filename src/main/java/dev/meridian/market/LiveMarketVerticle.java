package dev.meridian.market;

import dev.meridian.bus.Addresses;
import dev.meridian.bus.DecisionLatency;
import dev.meridian.bus.Watermark;
import dev.meridian.config.LiveMarketConfig;
import dev.meridian.config.OandaConfig;
import dev.meridian.config.WeeklyWindow;
import dev.meridian.core.Quote;
import dev.meridian.exchange.oanda.OandaCandle;
import dev.meridian.exchange.oanda.OandaPrice;
import dev.meridian.exchange.oanda.OandaRest;
import dev.meridian.exchange.oanda.OandaPricingStream;
import dev.meridian.exchange.oanda.OandaStreamOptions;
import dev.meridian.core.AssetClass;
import dev.meridian.core.Bar;
import dev.meridian.core.Category;
import dev.meridian.core.Instrument;
import dev.meridian.core.Kline;
import dev.meridian.core.Tick;
import dev.meridian.core.Ticker;
import dev.meridian.core.TradePrint;
import dev.meridian.exchange.bybit.parse.BybitFrameDecoder;
import dev.meridian.exchange.bybit.parse.OrderBook;
import dev.meridian.exchange.bybit.parse.BybitFrame;
import dev.meridian.exchange.bybit.parse.TickerBook;
import dev.meridian.exchange.bybit.rest.BybitMarketRest;
import dev.meridian.exchange.bybit.rest.InstrumentCache;
import dev.meridian.exchange.bybit.ws.BybitPublicStream;
import dev.meridian.exchange.bybit.ws.StreamEvent;
import dev.meridian.exchange.bybit.ws.StreamOptions;
import dev.meridian.exchange.bybit.ws.StreamState;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;

import java.math.BigDecimal;
import java.net.URI;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.logging.Logger;

/**
 * Live Bybit public market data onto the bus, through the same path as a replay: trades become
 * numbered {@link Tick}s on {@code md.tick}; trades build bars, which the exchange's confirmed
 * 1 m klines correct ({@link KlineReconciler}) and a wall-clock timer closes when the market is
 * quiet; bars go on {@code md.bar} followed by a {@link Watermark}, and the next events wait in a
 * queue until the portfolio acknowledges it, exactly as in a replay.
 *
 * <p>At start and after every reconnect gap, REST klines backfill the bars the stream did not
 * deliver; they go out as warm-up bars (indicators see them, nothing trades on them), and bars in
 * progress across a gap are discarded, so indicators never see a gap silently. A symbol with no
 * message for {@code stale_data_sec} is stale: the status says so and the strategy opens nothing on
 * it. Malformed frames and duplicate trades are counted and dropped. Live sequence numbers start at
 * the start time in microseconds, so they keep growing across restarts and order ids stay unique.
 */
public final class LiveMarketVerticle extends VerticleBase {
    private static final Logger LOG = Logger.getLogger(LiveMarketVerticle.class.getName());
    /** The name of the live source in order ids and watermarks. */
    public static final String SOURCE = "bybit";
    private static final int KLINE_TF = 60;
    private static final int BOOK_DEPTH = 50;
    /** How often option chains are read: quotes move, but packages are decided on bars of a minute or more. */
    private static final long OPTION_BOARD_EVERY_MS = 30_000;

    private final URI wsBase;
    private final BybitMarketRest rest;
    private final LiveMarketConfig cfg;
    private final List<Integer> timeframes;
    private final BarStore barStore;
    private final MeterRegistry metrics;
    private final DecisionLatency latency;
    private final StalenessMonitor staleness;
    private final Optional<ForexFeed> forex;
    private OandaPricingStream forexStream;
    /** The latest OANDA bid/ask per FOREX key, for the status. */
    private final Map<String, MarketStatus.Quote> forexQuotes = new TreeMap<>();
    /** Concurrent (ordered like the enum) because the metrics scrape reads reconnect counts from another thread. */
    private final Map<Category, BybitPublicStream> streams = new java.util.concurrent.ConcurrentSkipListMap<>();
    private final Map<Category, BybitFrameDecoder> decoders = new EnumMap<>(Category.class);
    private final Map<Category, TickerBook> tickerBooks = new EnumMap<>(Category.class);
    private final Map<String, BarAggregator> aggregators = new HashMap<>();
    private final Map<String, KlineReconciler> reconcilers = new HashMap<>();
    private final Map<String, TradeDeduper> dedupers = new HashMap<>();
    private final Map<String, OrderBook> books = new TreeMap<>();
    private final Map<Category, Set<String>> universe = new EnumMap<>(Category.class);
    private final Deque<Object> queue = new ArrayDeque<>();
    /** Recent bars per symbol and timeframe (bounded); all bars also go to PostgreSQL. */
    private final BarWindow window = new BarWindow(1_000);
    private TopPairs topPairs;
    /** Instrument filters, refreshed with every Top_Pairs ranking and published for sizing. */
    private final InstrumentCache instruments = new InstrumentCache();
    /** Bars published but not yet stored, by where they came from (REST history is the exchange's). */
    private final Map<BarStore.Origin, List<Bar>> unsavedBars = new EnumMap<>(BarStore.Origin.class);
    private long seq;
    private long waitingForSeq = -1;
    private long processed;
    private String state = "CONNECTING";
    private Counter malformed;
    private Counter duplicates;
    private final Map<Category, Long> disconnectedSince = new EnumMap<>(Category.class);
    private final Map<String, Long> lastBarCloseMs = new HashMap<>();

    /**
     * OANDA prices for the FOREX class: the pricing stream of {@code account} for {@code instruments}
     * (OANDA names, e.g. {@code EUR_USD}), its REST API for the history that warms the indicators
     * up, and the weekly forex closure, during which the silence of a pair is no staleness.
     */
    public record ForexFeed(URI streamUrl, OandaConfig.Account account, List<String> instruments, WeeklyWindow closed,
                            OandaRest rest) {
        public ForexFeed {
            Objects.requireNonNull(rest, "rest");
            Objects.requireNonNull(streamUrl, "streamUrl");
            Objects.requireNonNull(account, "account");
            instruments = List.copyOf(instruments);
            Objects.requireNonNull(closed, "closed");
        }
    }

    public LiveMarketVerticle(URI wsBase, BybitMarketRest rest, LiveMarketConfig cfg, List<Integer> timeframes,
                              long staleAfterMs, BarStore barStore, MeterRegistry metrics, DecisionLatency latency) {
        this(wsBase, rest, cfg, timeframes, staleAfterMs, barStore, metrics, latency, Optional.empty());
    }

    public LiveMarketVerticle(URI wsBase, BybitMarketRest rest, LiveMarketConfig cfg, List<Integer> timeframes,
                              long staleAfterMs, BarStore barStore, MeterRegistry metrics, DecisionLatency latency,
                              Optional<ForexFeed> forex) {
        this.forex = forex;
        this.wsBase = wsBase;
        this.latency = latency;
        this.rest = rest;
        this.cfg = cfg;
        this.timeframes = timeframes;
        this.barStore = barStore;
        this.metrics = metrics;
        this.staleness = new StalenessMonitor(staleAfterMs, forex.map(ForexFeed::closed));
    }

    static String key(AssetClass c, String symbol) { return c + ":" + symbol; }

    /**
     * Forex has no public trades: each OANDA price is a tick at its mid with a tick volume of 1 (one
     * price update, the usual volume of forex bars), through the same bars, watermarks and
     * staleness as a trade; its bid and ask go to the paper venue on {@code md.quote} at once, so a
     * paper forex order pays the spread. A price OANDA marks not tradeable (a closed market) only
     * counts as a sign of life.
     */
    private void startForex(ForexFeed f) {
        long now = System.currentTimeMillis();
        for (String i : f.instruments()) staleness.expect(key(AssetClass.FOREX, i), now);
        forexStream = new OandaPricingStream(vertx, f.streamUrl(), f.account(), f.instruments(), OandaStreamOptions.defaults(),
                this::onForexPrice, ev -> LOG.info("OANDA pricing stream: " + ev));
        // History first (as warm-up bars, nothing trades on them), then the stream, so bars never go back in time.
        List<Future<List<Bar>>> history = new ArrayList<>();
        for (String i : f.instruments()) {
            history.add(f.rest().minuteCandles(i, Math.max(1, cfg.backfillBars())).map(candles -> {
                List<Bar> bars = new ArrayList<>();
                for (OandaCandle c : candles) {
                    if (c.complete()) bars.add(new Bar(i, AssetClass.FOREX, KLINE_TF, c.startMs(), c.open(), c.high(), c.low(), c.close(),
                            BigDecimal.valueOf(c.volume()), seq, true));
                }
                return bars;
            }).onFailure(e -> LOG.warning(i + " history not read (" + e.getMessage() + "); its indicators warm up from live prices")));
        }
        Future.join(history).onComplete(x -> {
            for (Future<List<Bar>> h : history) if (h.succeeded()) emitWarmup(h.result());
            forexStream.start().onFailure(e -> LOG.warning("OANDA pricing stream did not start: " + e.getMessage()));
        });
    }

    private void onForexPrice(OandaPrice p) {
        long now = System.currentTimeMillis();
        String k = key(AssetClass.FOREX, p.instrument());
        staleness.seen(k, now);
        if (!p.tradeable()) return;
        forexQuotes.put(k, new MarketStatus.Quote(p.bid(), p.ask()));
        vertx.eventBus().publish(Addresses.MD_QUOTE, new Quote(p.instrument(), AssetClass.FOREX, p.timeMs(), p.bid(), p.ask()));
        queue.addLast(new Tick(p.instrument(), AssetClass.FOREX, p.timeMs(), p.mid(), BigDecimal.ONE, ++seq, false));
        pump();
    }

    /**
     * Each listed base coin's option chain (instruments and tickers joined, with venue greeks and
     * mark IV) onto {@code md.option_board}, for the OPTIONS mode. A board that cannot be read is
     * logged and skipped; the mode then keeps the last one until it is too old to trade on.
     */
    private void readOptionBoards() {
        for (String coin : cfg.optionBaseCoins()) {
            rest.optionBoard(coin).onSuccess(board -> {
                if (!board.skipped().isEmpty()) {
                    LOG.fine(coin + " option board: " + board.skipped().size() + " row(s) skipped, e.g. " + board.skipped().get(0));
                }
                vertx.eventBus().publish(Addresses.MD_OPTION_BOARD, board);
            }).onFailure(e -> LOG.warning(coin + " option board not read (retried in " + OPTION_BOARD_EVERY_MS / 1000 + " s): "
                    + e.getMessage()));
        }
    }

    @Override
    public Future<?> start() {
        seq = System.currentTimeMillis() * 1000;
        malformed = Counter.builder("meridian_md_frames_dropped").tag("reason", "malformed")
                .description("market-data frames or prints dropped, by reason").register(metrics);
        duplicates = Counter.builder("meridian_md_frames_dropped").tag("reason", "duplicate_trade")
                .description("market-data frames or prints dropped, by reason").register(metrics);
        for (Category c : Category.values()) {
            FunctionCounter.builder("meridian_md_reconnects", this, v -> v.reconnects(c)).tag("category", c.wire())
                    .description("public-stream reconnects").register(metrics);
        }
        FunctionCounter.builder("meridian_md_bars_replaced_by_exchange", this, LiveMarketVerticle::barsReplaced)
                .description("our bars that differed from the exchange's confirmed kline").register(metrics);
        var bus = vertx.eventBus();
        bus.<Watermark>consumer(Addresses.MD_ACK, m -> {
            latency.forgetThrough(m.body().seq());
            if (m.body().seq() == waitingForSeq) {
                waitingForSeq = -1;
                pump();
            }
        });
        bus.consumer(Addresses.CMD_MARKET_STATUS, m -> m.reply(status()));
        bus.<BarsQuery>consumer(Addresses.CMD_MARKET_BARS, m -> m.reply(new BarsQuery.Result(
                window.recent(m.body().assetClassAndSymbol(), m.body().timeframeSec(), m.body().limit()))));
        vertx.setPeriodic(1000, id -> everySecond());
        // universe.OPTION names base coins, not streamed symbols: their chains are read by REST (below).
        Map<Category, List<String>> streamed = new EnumMap<>(cfg.universe());
        streamed.remove(Category.OPTION);
        topPairs = new TopPairs(streamed, cfg.topPairs());
        streamed.forEach((c, symbols) -> universe.put(c, new LinkedHashSet<>(symbols)));
        forex.ifPresent(this::startForex);
        if (!cfg.optionBaseCoins().isEmpty()) {
            readOptionBoards();
            vertx.setPeriodic(OPTION_BOARD_EVERY_MS, id -> readOptionBoards());
        }
        return rankUniverse().compose(v -> {
            long now = System.currentTimeMillis();
            return backfillAll(now - (long) cfg.backfillBars() * KLINE_TF * 1000, now);
        }).onComplete(ar -> {
            if (ar.failed()) LOG.warning("history backfill failed (" + ar.cause().getMessage() + "); indicators warm up from live data");
            for (Map.Entry<Category, Set<String>> e : universe.entrySet()) openStream(e.getKey(), e.getValue());
            state = "LIVE";
            vertx.setPeriodic(cfg.topPairs().refreshSec() * 1000L, id -> rankUniverse());
        }).otherwiseEmpty();
    }

    /**
     * Re-ranks Top_Pairs and makes the streams follow: new symbols are subscribed, dropped ones
     * unsubscribed. If the exchange's lists cannot be fetched the universe stays as it is.
     */
    private Future<Void> rankUniverse() {
        if (cfg.topPairs().maxPerCategory() == 0) return Future.succeededFuture();
        Map<Category, Future<List<Ticker>>> tick = new EnumMap<>(Category.class);
        Map<Category, Future<List<Instrument>>> inst = new EnumMap<>(Category.class);
        for (Category c : TopPairs.RANKED) {
            tick.put(c, rest.tickers(c));
            inst.put(c, rest.instruments(c));
        }
        List<Future<?>> all = new ArrayList<>(tick.values());
        all.addAll(inst.values());
        return Future.all(all).map(done -> {
            Map<Category, List<Ticker>> t = new EnumMap<>(Category.class);
            Map<Category, List<Instrument>> i = new EnumMap<>(Category.class);
            tick.forEach((c, f) -> t.put(c, f.result()));
            inst.forEach((c, f) -> {
                i.put(c, f.result());
                instruments.replace(c, f.result());
                vertx.eventBus().publish(Addresses.EVT_INSTRUMENTS, new InstrumentsUpdate(f.result()));
            });
            Map<Category, List<String>> previous = new EnumMap<>(Category.class);
            universe.forEach((c, set) -> previous.put(c, List.copyOf(set)));
            TopPairs.Update u = topPairs.rank(t, i, previous);
            if (u.changed()) follow(u);
            return (Void) null;
        }).recover(e -> {
            LOG.warning("Top_Pairs ranking failed, universe unchanged: " + e.getMessage());
            return Future.succeededFuture();
        });
    }

    private void follow(TopPairs.Update u) {
        long now = System.currentTimeMillis();
        u.universe().forEach((c, symbols) -> {
            universe.put(c, new LinkedHashSet<>(symbols));
            List<String> added = u.added().getOrDefault(c, List.of());
            List<String> removed = u.removed().getOrDefault(c, List.of());
            BybitPublicStream s = streams.get(c);
            if (s == null && !symbols.isEmpty() && state.equals("LIVE")) {
                openStream(c, new LinkedHashSet<>(symbols));
                return;
            }
            if (s != null) {
                if (!added.isEmpty()) s.subscribe(topics(new LinkedHashSet<>(added)));
                if (!removed.isEmpty()) s.unsubscribe(topics(new LinkedHashSet<>(removed)));
            }
            added.forEach(sym -> staleness.expect(key(c.assetClass(), sym), now));
            removed.forEach(sym -> staleness.forget(key(c.assetClass(), sym)));
        });
        LOG.info("universe: " + u.universe() + " (added " + u.added() + ", removed " + u.removed() + ")");
        vertx.eventBus().publish(Addresses.EVT_UNIVERSE, new UniverseChange(u.universe(), u.added(), u.removed()));
    }

    private void openStream(Category c, Set<String> symbols) {
        decoders.put(c, new BybitFrameDecoder(c));
        tickerBooks.put(c, new TickerBook(c));
        BybitPublicStream s = new BybitPublicStream(vertx, wsBase, c, StreamOptions.defaults(),
                frame -> onFrame(c, frame), ev -> onStreamEvent(c, ev));
        streams.put(c, s);
        long now = System.currentTimeMillis();
        for (String sym : symbols) staleness.expect(key(c.assetClass(), sym), now);
        s.start();
        s.subscribe(topics(symbols));
    }

    private static List<String> topics(Set<String> symbols) {
        List<String> t = new ArrayList<>();
        for (String s : symbols) {
            t.add("publicTrade." + s);
            t.add("tickers." + s);
            t.add("kline.1." + s);
            t.add("orderbook." + BOOK_DEPTH + "." + s);
        }
        return t;
    }

    private void onStreamEvent(Category c, StreamEvent ev) {
        if (ev instanceof StreamEvent.Connected connected) {
            Long since = disconnectedSince.remove(c);
            if (since != null) {
                LOG.info("bybit " + c.wire() + " reconnected (" + connected.reconnectCount() + " reconnects); backfilling the gap");
                Gap gap = new Gap(c);
                queue.addLast(gap);
                long from = since > 0 ? since : System.currentTimeMillis() - 60_000;
                fetchBars(c, universe.getOrDefault(c, Set.of()), from, System.currentTimeMillis())
                        .onComplete(ar -> {
                            gap.bars = ar.succeeded() ? ar.result() : List.of();
                            if (ar.failed()) LOG.warning("gap backfill failed: " + ar.cause().getMessage());
                            pump();
                        });
            }
        } else if (ev instanceof StreamEvent.Disconnected d) {
            LOG.warning("bybit " + c.wire() + " disconnected: " + d.reason());
            disconnectedSince.putIfAbsent(c, d.lastMessageMs());
        } else if (ev instanceof StreamEvent.SubscribeFailed f) {
            LOG.warning("bybit " + c.wire() + " refused topics " + f.topics() + ": " + f.reason());
        }
    }

    /**
     * Where a reconnect gap sits in the event order: the events before it go out first, then the
     * gap's REST bars (once fetched; the queue waits), then what the new connection delivered.
     */
    private static final class Gap {
        final Category category;
        List<Bar> bars;

        Gap(Category category) { this.category = category; }
    }

    private Future<Void> backfillAll(long fromMs, long toMs) {
        List<Future<List<Bar>>> all = new ArrayList<>();
        universe.forEach((c, symbols) -> all.add(fetchBars(c, symbols, fromMs, toMs)));
        return Future.all(all).map(done -> {
            for (Future<List<Bar>> f : all) emitWarmup(f.result());
            return null;
        });
    }

    /** Confirmed 1 m klines of the symbols as warm-up bars, oldest first per symbol. */
    private Future<List<Bar>> fetchBars(Category c, Set<String> symbols, long fromMs, long toMs) {
        List<Future<List<Kline>>> all = new ArrayList<>();
        for (String sym : symbols) all.add(rest.klines(c, sym, KLINE_TF, fromMs, toMs));
        return Future.all(all).map(done -> {
            List<Bar> bars = new ArrayList<>();
            for (Future<List<Kline>> f : all) {
                for (Kline k : f.result()) {
                    if (k.confirm()) bars.add(toBar(c.assetClass(), k, true));
                }
            }
            return bars;
        });
    }

    /**
     * History for the indicators: rolled up like a bar source and published as warm-up (nothing
     * trades on it). Bars not newer than what a symbol already showed are skipped, so indicators
     * never see time go backwards.
     */
    private void emitWarmup(List<Bar> bars) {
        List<Bar> fresh = new ArrayList<>();
        for (Bar b : bars) {
            String k = key(b.assetClass(), b.symbol());
            if (b.openTimeMs() >= lastBarCloseMs.getOrDefault(k, Long.MIN_VALUE)) fresh.add(b);
        }
        for (Bar b : rollUp(fresh)) publishBar(b, BarStore.Origin.EXCHANGE);
    }

    private void publishBar(Bar b, BarStore.Origin origin) {
        if (b.timeframeSec() == KLINE_TF) lastBarCloseMs.merge(key(b.assetClass(), b.symbol()), b.closeTimeMs(), Math::max);
        if (!b.warmup()) latency.stamp(b.seq());
        vertx.eventBus().publish(Addresses.MD_BAR, b);
        window.add(b);
        unsavedBars.computeIfAbsent(origin, o -> new ArrayList<>()).add(b);
    }

    private Bar toBar(AssetClass ac, Kline k, boolean warmup) {
        return new Bar(k.symbol(), ac, k.intervalSec(), k.startMs(), k.open(), k.high(), k.low(), k.close(), k.volume(),
                seq, warmup);
    }

    private void onFrame(Category c, String frame) {
        long now = System.currentTimeMillis();
        BybitFrame d = decoders.get(c).decode(frame);
        if (d instanceof BybitFrame.Trades trades) {
            for (TradePrint p : trades.trades()) {
                String k = key(c.assetClass(), p.symbol());
                staleness.seen(k, now);
                if (!dedupers.computeIfAbsent(k, x -> new TradeDeduper(10_000)).firstTime(p.tradeId())) {
                    duplicates.increment();
                    continue;
                }
                queue.addLast(new Tick(p.symbol(), c.assetClass(), p.timeMs(), p.price(), p.qty(), ++seq, false));
            }
            pump();
        } else if (d instanceof BybitFrame.KlineUpdate ku) {
            for (Kline k : ku.klines()) {
                String key = key(c.assetClass(), k.symbol());
                staleness.seen(key, now);
                KlineReconciler r = reconcilers.get(key);
                if (r != null) enqueueBars(r.onKline(k, now));
            }
            pump();
        } else if (d instanceof BybitFrame.TickerUpdate tu) {
            // Merged for its checks (a delta without a snapshot is counted); tickers feed status from #8 on.
            tickerBooks.get(c).apply(tu).ifPresent(t -> staleness.seen(key(c.assetClass(), t.symbol()), now));
        } else if (d instanceof BybitFrame.BookUpdate bu) {
            String k = key(c.assetClass(), bu.symbol());
            staleness.seen(k, now);
            books.computeIfAbsent(k, x -> new OrderBook(bu.symbol(), BOOK_DEPTH)).apply(bu);
        } else if (d instanceof BybitFrame.Malformed m) {
            malformed.increment();
        }
    }

    private void enqueueBars(List<Bar> bars) {
        if (!bars.isEmpty()) queue.addLast(new ReadyBars(bars));
    }

    private double barsReplaced() {
        long n = 0;
        for (KlineReconciler r : reconcilers.values()) n += r.replaced();
        return n;
    }

    /** Bars that have passed reconciliation and may go out. */
    private record ReadyBars(List<Bar> bars) {
    }

    private void everySecond() {
        long now = System.currentTimeMillis();
        for (Map.Entry<String, BarAggregator> e : aggregators.entrySet()) {
            List<Bar> closed = e.getValue().closeElapsed(now, cfg.quietBarGraceMs(), seq);
            KlineReconciler r = reconcilers.get(e.getKey());
            enqueueBars(closed.isEmpty() ? r.tick(now) : r.onBars(closed, now));
        }
        pump();
        vertx.eventBus().publish(Addresses.EVT_MARKET_STATUS, status());
    }

    /** Emits queued events until one must wait for the portfolio's acknowledgement or a gap's bars. */
    private void pump() {
        while (waitingForSeq < 0 && !queue.isEmpty()) {
            Object item = queue.peekFirst();
            if (item instanceof Gap gap) {
                if (gap.bars == null) break;
                queue.removeFirst();
                for (String sym : universe.getOrDefault(gap.category, Set.of())) {
                    BarAggregator agg = aggregators.get(key(gap.category.assetClass(), sym));
                    // Bars in progress across the gap missed trades; the REST bars stand in for them.
                    if (agg != null) agg.discardOpenBars();
                }
                emitWarmup(gap.bars);
                continue;
            }
            queue.removeFirst();
            List<Bar> out;
            long eventSeq;
            if (item instanceof Tick t) {
                processed++;
                String k = key(t.assetClass(), t.symbol());
                vertx.eventBus().publish(Addresses.MD_TICK, t);
                BarAggregator agg = aggregators.computeIfAbsent(k, x -> new BarAggregator(t.symbol(), t.assetClass(), timeframes));
                // No exchange klines correct forex bars: they go out without waiting for one.
                long grace = t.assetClass() == AssetClass.FOREX ? 0 : cfg.klineGraceMs();
                KlineReconciler r = reconcilers.computeIfAbsent(k, x -> new KlineReconciler(KLINE_TF, grace));
                out = r.onBars(agg.onTick(t), System.currentTimeMillis());
                eventSeq = t.seq();
            } else {
                out = ((ReadyBars) item).bars();
                eventSeq = seq;
            }
            if (out.isEmpty()) continue;
            // One bar, then its watermark: a batch released by the reconciler would otherwise reach
            // the strategy before the positions its earlier bars opened or closed.
            publishBar(out.get(0), BarStore.Origin.TRADES);
            if (out.size() > 1) queue.addFirst(new ReadyBars(out.subList(1, out.size())));
            waitingForSeq = eventSeq;
            vertx.eventBus().send(Addresses.MD_BAR, new Watermark(SOURCE, eventSeq, out.get(0).closeTimeMs(), false, false));
        }
        unsavedBars.forEach((origin, bars) -> {
            if (bars.isEmpty()) return;
            List<Bar> batch = List.copyOf(bars);
            bars.clear();
            barStore.save(batch, origin).onFailure(e -> LOG.warning("bars not stored: " + e.getMessage()));
        });
    }

    /** Backfilled 1 m bars rolled up into the larger timeframes, all as warm-up. */
    private List<Bar> rollUp(List<Bar> bars) {
        List<Bar> out = new ArrayList<>();
        Map<String, BarAggregator> roll = new HashMap<>();
        for (Bar b : bars) {
            BarAggregator agg = roll.computeIfAbsent(key(b.assetClass(), b.symbol()),
                    k -> new BarAggregator(b.symbol(), b.assetClass(), timeframes));
            out.addAll(agg.onBar(b));
        }
        return out;
    }

    private double reconnects(Category c) {
        BybitPublicStream s = streams.get(c);
        return s == null ? 0 : s.state().reconnects();
    }

    private MarketStatus status() {
        long now = System.currentTimeMillis();
        List<MarketStatus.Connection> conns = new ArrayList<>();
        streams.forEach((c, s) -> {
            StreamState st = s.state();
            conns.add(new MarketStatus.Connection(c.wire(), st.status().name(), st.reconnects(), st.lastMessageMs(),
                    List.copyOf(st.failed().keySet())));
        });
        Map<String, Long> counters = new TreeMap<>();
        counters.put("malformed_frames", (long) malformed.count());
        counters.put("duplicate_trades", (long) duplicates.count());
        counters.put("bars_replaced_by_exchange", (long) barsReplaced());
        long late = 0;
        for (BarAggregator a : aggregators.values()) late += a.lateEventsDropped();
        counters.put("late_trades_dropped", late);
        long orphanDeltas = 0;
        for (TickerBook b : tickerBooks.values()) orphanDeltas += b.deltasWithoutSnapshot();
        counters.put("ticker_deltas_without_snapshot", orphanDeltas);
        for (Category c : TopPairs.RANKED) counters.put("instruments_" + c.wire(), (long) instruments.all(c).size());
        Map<String, MarketStatus.Quote> quotes = new TreeMap<>();
        long staleDeltas = 0;
        long crossed = 0;
        for (Map.Entry<String, OrderBook> e : books.entrySet()) {
            OrderBook b = e.getValue();
            staleDeltas += b.staleDeltas();
            if (b.ready()) {
                quotes.put(e.getKey(), new MarketStatus.Quote(b.bestBid(), b.bestAsk()));
                if (b.crossed()) crossed++;
            }
        }
        quotes.putAll(forexQuotes);
        if (forexStream != null) {
            counters.put("oanda_malformed_lines", forexStream.malformedLines());
            counters.put("oanda_reconnects", (long) forexStream.reconnects());
        }
        counters.put("book_stale_deltas", staleDeltas);
        counters.put("crossed_books", crossed);
        return new MarketStatus(SOURCE, "LIVE", state, seq, processed, (long) malformed.count(), conns, staleness.stale(now), counters, quotes);
    }

    @Override
    public Future<?> stop() {
        List<Future<Void>> all = new ArrayList<>();
        streams.values().forEach(s -> all.add(s.stop()));
        if (forexStream != null) all.add(forexStream.stop());
        return Future.join(all);
    }
}
