package dev.meridian.execution;

import dev.meridian.bus.Addresses;
import dev.meridian.bus.RecordCodecs;
import dev.meridian.bus.Watermark;
import dev.meridian.config.RiskPolicy;
import dev.meridian.core.AssetClass;
import dev.meridian.core.Fill;
import dev.meridian.core.FundingFee;
import dev.meridian.core.Order;
import dev.meridian.core.OrderRejected;
import dev.meridian.core.Tick;
import dev.meridian.core.VenueClose;
import dev.meridian.exchange.ExecStatus;
import dev.meridian.exchange.VenuePosition;
import dev.meridian.exchange.paper.PaperVenue;
import dev.meridian.funds.FundsState;
import dev.meridian.portfolio.ClosedTrade;
import dev.meridian.portfolio.FundingPaid;
import dev.meridian.portfolio.Ledger;
import dev.meridian.portfolio.LedgerStore;
import dev.meridian.portfolio.PortfolioSnapshot;
import dev.meridian.portfolio.PortfolioVerticle;
import dev.meridian.portfolio.PositionChange;
import dev.meridian.portfolio.WalletCapsUpdate;
import dev.meridian.store.Database;
import dev.meridian.testing.Poll;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The router's order chain as the router ITs drive it: orders and watermarks go in on
 * {@code cmd.exec.order}, and a watermark returns once the portfolio has acknowledged it (its
 * bookings are then committed); plus reads of what the books hold. Create it before the first
 * watermark is sent: it listens for the acknowledgements from then on.
 */
final class RouterChain {
    private final Vertx vertx;
    private final Pool pool;
    private final List<Long> acks = new CopyOnWriteArrayList<>();

    /**
     * A router with one scripted live venue trading {@code cls}, over a portfolio whose {@code cls}
     * sub-ledger holds {@code allocation}, on an embedded database in {@code stateDir}; Allow Funds
     * ON and only {@code cls} switched on. Registers the codecs of every record the chain carries.
     */
    static RouterChain live(Vertx vertx, Path stateDir, AssetClass cls, BigDecimal allocation, ScriptedVenue venue,
                            ExecutionVerticle.Params params) {
        RecordCodecs.registerAll(vertx.eventBus(), Order.class, Fill.class, OrderRejected.class, Watermark.class, Tick.class,
                FundsState.class, PositionChange.class, PortfolioSnapshot.class, ClosedTrade.class, WalletCapsUpdate.class,
                ExecStatus.class, FundingFee.class, VenuePosition.class, FundingPaid.class, VenueClose.class);
        Database db = Database.open(vertx, stateDir, Optional.empty());
        RouterChain chain = new RouterChain(vertx, db.pool());
        chain.db = db;
        LedgerStore store = new LedgerStore(db.pool());
        LedgerStore.Loaded loaded = store.load(Map.of(cls, allocation)).await();
        vertx.deployVerticle(new PortfolioVerticle(new Ledger(loaded.subLedgers(), loaded.positions()), store,
                RiskPolicy.DEFAULT_FUNDING_RATE_8H)).await();
        venue.classes = Set.of(cls);
        Map<AssetClass, Boolean> on = new EnumMap<>(AssetClass.class);
        for (AssetClass c : AssetClass.values()) on.put(c, c == cls);
        FundsState funds = new FundsState(true, false, on, new BigDecimal("0.10"), Optional.empty());
        vertx.deployVerticle(new ExecutionVerticle(new PaperVenue(new BigDecimal("10"), new BigDecimal("10"), new BigDecimal("2")),
                funds, List.of(venue), Optional.of(new LiveOrderStore(db.pool())), params)).await();
        return chain;
    }

    private Database db;

    /** Closes the database {@link #live} opened. */
    void close() {
        if (db != null) db.close().await();
    }

    RouterChain(Vertx vertx, Pool pool) {
        this.vertx = vertx;
        this.pool = pool;
        vertx.eventBus().<Watermark>consumer(Addresses.MD_ACK, m -> acks.add(m.body().seq()));
    }

    void send(Object orderOrWatermark) { vertx.eventBus().send(Addresses.CMD_EXEC_ORDER, orderOrWatermark); }

    /** Sends watermark {@code seq} (event time 1,000 + seq) and waits for the portfolio's acknowledgement. */
    void watermark(long seq) {
        send(new Watermark("live", seq, 1_000 + seq, false, false));
        Poll.until(() -> acks.contains(seq), "ack of watermark " + seq);
    }

    /**
     * Sends watermarks from {@code firstSeq} on until {@code committed} holds, and returns the next
     * unused seq. For bookings the portfolio makes after an asynchronous check (a live funding is
     * first looked up by its execId in the store): they join whichever watermark follows the check,
     * not necessarily the next one sent.
     */
    long watermarksUntil(long firstSeq, java.util.function.BooleanSupplier committed, String what) {
        long seq = firstSeq;
        long end = System.nanoTime() + java.time.Duration.ofSeconds(30).toNanos();
        do {
            watermark(seq++);
            // Each round waits for the portfolio's acknowledgement, which paces the loop.
            if (committed.getAsBoolean()) return seq;
        } while (System.nanoTime() < end);
        throw new AssertionError("timed out waiting for " + what);
    }

    long count(String sql) { return pool.query(sql).execute().await().iterator().next().getLong(0); }

    /** The one row {@code sql} answers (fails when it answers none or several). */
    Row one(String sql) {
        var rows = pool.query(sql).execute().await();
        assertThat(rows.size()).as(sql).isEqualTo(1);
        return rows.iterator().next();
    }
}
