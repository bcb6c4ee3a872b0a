package dev.meridian.portfolio;

import dev.meridian.core.AssetClass;
import dev.meridian.core.Fill;
import dev.meridian.core.Mode;
import dev.meridian.core.Order;
import dev.meridian.core.OrderRejected;
import dev.meridian.core.Regime;
import dev.meridian.core.SessionLabel;
import dev.meridian.core.Side;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The portfolio's PostgreSQL access (vertx-pg-client, never blocking). All SQL of the ledger lives
 * here. {@link #commit} writes one unit of work — the bookings caused by source events up to a
 * watermark, and that watermark as the replay position — in a single transaction, so a crash
 * either keeps both or neither.
 */
public final class LedgerStore {
    /** Everything one watermark commits. */
    public record UnitOfWork(List<Ledger.Booking> bookings, List<OrderRejected> rejections, String source,
                             long positionSeq, List<Ledger.SubLedger> touched, List<Position> marked,
                             List<EquityPoint> equities, List<Ledger.Funding> fundings) {
    }

    /** A sub-ledger's equity at an event time, for equity curves and drawdown. */
    public record EquityPoint(AssetClass assetClass, long timeMs, BigDecimal equity) {
    }

    /** What the store held at start-up. */
    public record Loaded(List<Ledger.SubLedger> subLedgers, List<Position> positions, long tradeCount) {
    }

    private final Pool pool;

    public LedgerStore(Pool pool) { this.pool = pool; }

    public Future<Loaded> load(Map<AssetClass, BigDecimal> allocationUsd) {
        return pool.withTransaction(conn -> ensureLedgers(conn, allocationUsd)
                .compose(v -> conn.query("SELECT asset_class, allocation, cash, realized_net_pnl, fees_paid FROM sub_ledgers").execute())
                .compose(rows -> {
                    List<Ledger.SubLedger> ledgers = new ArrayList<>();
                    for (Row r : rows) {
                        ledgers.add(new Ledger.SubLedger(AssetClass.valueOf(r.getString(0)), r.getBigDecimal(1),
                                r.getBigDecimal(2), r.getBigDecimal(3), r.getBigDecimal(4)));
                    }
                    return conn.query("SELECT symbol, asset_class, side, qty, entry_ref_price, entry_price, entry_time, "
                            + "entry_fees, entry_slippage, stop_price, leverage, equity_before, size_usd, risk_usd, mode, "
                            + "regime, session, signal_score, good_setup, bound_by, last_price, paper FROM positions").execute()
                            .compose(prows -> {
                                List<Position> ps = new ArrayList<>();
                                for (Row r : prows) ps.add(position(r));
                                return conn.query("SELECT count(*) FROM trades").execute()
                                        .map(c -> new Loaded(ledgers, ps, c.iterator().next().getLong(0)));
                            });
                }));
    }

    private static Future<Void> ensureLedgers(SqlConnection conn, Map<AssetClass, BigDecimal> allocationUsd) {
        List<Tuple> batch = new ArrayList<>();
        for (AssetClass c : AssetClass.values()) {
            BigDecimal a = allocationUsd.getOrDefault(c, BigDecimal.ZERO);
            batch.add(Tuple.of(c.name(), a, a));
        }
        // First start only: later starts keep the booked balances (a changed allocation is not re-applied).
        return conn.preparedQuery("INSERT INTO sub_ledgers (asset_class, allocation, cash) VALUES ($1, $2, $3) "
                + "ON CONFLICT (asset_class) DO NOTHING").executeBatch(batch).mapEmpty();
    }

    public Future<Optional<Long>> replayPosition(String source) {
        return pool.preparedQuery("SELECT seq FROM replay_position WHERE source = $1").execute(Tuple.of(source))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next().getLong(0)));
    }

    /** Commits the unit of work; completes with the stored trades (ids filled in) in booking order. */
    public Future<List<ClosedTrade>> commit(UnitOfWork u) {
        return pool.withTransaction(conn -> {
            Future<List<ClosedTrade>> f = Future.succeededFuture(new ArrayList<>());
            for (OrderRejected r : u.rejections()) {
                f = f.compose(acc -> insertRejection(conn, r).map(acc));
            }
            for (Ledger.Booking b : u.bookings()) {
                f = f.compose(acc -> book(conn, b).map(t -> {
                    t.ifPresent(acc::add);
                    return acc;
                }));
            }
            for (Ledger.SubLedger l : u.touched()) {
                f = f.compose(acc -> conn.preparedQuery("UPDATE sub_ledgers SET cash = $2, realized_net_pnl = $3, "
                                + "fees_paid = $4, updated_at = now() WHERE asset_class = $1")
                        .execute(Tuple.of(l.assetClass().name(), l.cash(), l.realizedNetPnl(), l.feesPaid())).map(acc));
            }
            for (EquityPoint e : u.equities()) {
                f = f.compose(acc -> conn.preparedQuery("INSERT INTO equity_snapshots (at, asset_class, equity) VALUES ($1, $2, $3)")
                        .execute(Tuple.of(time(e.timeMs()), e.assetClass().name(), e.equity())).map(acc));
            }
            for (Ledger.Funding fu : u.fundings()) {
                Position p = fu.position();
                f = f.compose(acc -> conn.preparedQuery("INSERT INTO funding_payments (symbol, asset_class, at, side, qty, "
                                + "mark_price, rate, fee, paper, exec_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)")
                        .execute(Tuple.tuple().addString(p.symbol()).addString(p.assetClass().name())
                                .addOffsetDateTime(time(fu.timeMs())).addString(p.side().name()).addBigDecimal(p.qty())
                                .addBigDecimal(fu.markPrice()).addBigDecimal(fu.rate()).addBigDecimal(fu.fee())
                                .addBoolean(p.paper()).addString(fu.execId()))
                        .map(acc));
            }
            for (Position p : u.marked()) {
                // entry_fees too: funding joins the position's fees.
                f = f.compose(acc -> conn.preparedQuery("UPDATE positions SET last_price = $3, entry_fees = $4 "
                                + "WHERE symbol = $1 AND asset_class = $2")
                        .execute(Tuple.of(p.symbol(), p.assetClass().name(), p.lastPrice(), p.entryFees())).map(acc));
            }
            if (u.source() != null) {
                f = f.compose(acc -> conn.preparedQuery("INSERT INTO replay_position (source, seq) VALUES ($1, $2) "
                                + "ON CONFLICT (source) DO UPDATE SET seq = GREATEST(replay_position.seq, EXCLUDED.seq), "
                                + "updated_at = now()")
                        .execute(Tuple.of(u.source(), u.positionSeq())).map(acc));
            }
            return f;
        });
    }

    private static Future<Void> insertRejection(SqlConnection conn, OrderRejected r) {
        return conn.preparedQuery("INSERT INTO orders (id, symbol, asset_class, side, qty, ref_price, status, reason, "
                        + "paper, mode, source_seq, created_at) VALUES ($1, $2, $3, $4, 0, 0, 'REJECTED', $5, true, NULL, $6, $7) "
                        + "ON CONFLICT (id) DO NOTHING")
                .execute(Tuple.tuple().addString(r.orderId()).addString(r.symbol()).addString(r.assetClass().name())
                        .addString(r.side().name()).addString(r.stage() + ": " + r.reason()).addLong(r.seq())
                        .addOffsetDateTime(time(r.timeMs())))
                .mapEmpty();
    }

    private static Future<Optional<ClosedTrade>> book(SqlConnection conn, Ledger.Booking b) {
        Fill fill = b.fill();
        Order o = fill.order();
        Future<Void> f = conn.preparedQuery("INSERT INTO orders (id, symbol, asset_class, side, qty, ref_price, status, "
                        + "reason, paper, mode, source_seq, created_at) VALUES ($1, $2, $3, $4, $5, $6, 'FILLED', NULL, $7, $8, $9, $10)")
                .execute(Tuple.tuple().addString(o.id()).addString(o.symbol()).addString(o.assetClass().name())
                        .addString(o.side().name()).addBigDecimal(o.qty()).addBigDecimal(o.refPrice())
                        .addBoolean(o.paper()).addString(o.mode().name()).addLong(o.seq())
                        .addOffsetDateTime(time(o.timeMs())))
                .compose(v -> conn.preparedQuery("INSERT INTO fills (id, order_id, symbol, asset_class, side, qty, price, "
                                + "ref_price, fee, slippage, paper, filled_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)")
                        .execute(Tuple.tuple().addString(fill.id()).addString(o.id()).addString(o.symbol())
                                .addString(o.assetClass().name()).addString(o.side().name()).addBigDecimal(fill.qty())
                                .addBigDecimal(fill.price()).addBigDecimal(o.refPrice()).addBigDecimal(fill.fee())
                                .addBigDecimal(fill.slippage()).addBoolean(o.paper()).addOffsetDateTime(time(fill.timeMs()))))
                .mapEmpty();
        if (b.position().isPresent()) {
            Position p = b.position().get();
            // An entry inserts the position; a partial exit rewrites the remainder (qty, costs, size).
            f = f.compose(v -> conn.preparedQuery("INSERT INTO positions (symbol, asset_class, side, qty, entry_ref_price, "
                                    + "entry_price, entry_time, entry_fees, entry_slippage, stop_price, leverage, equity_before, "
                                    + "size_usd, risk_usd, mode, regime, session, signal_score, good_setup, bound_by, last_price, paper) VALUES "
                                    + "($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22) "
                                    + "ON CONFLICT (symbol, asset_class) DO UPDATE SET qty = EXCLUDED.qty, entry_fees = EXCLUDED.entry_fees, "
                                    + "entry_slippage = EXCLUDED.entry_slippage, size_usd = EXCLUDED.size_usd, risk_usd = EXCLUDED.risk_usd, "
                                    + "last_price = EXCLUDED.last_price")
                            .execute(Tuple.tuple().addString(p.symbol()).addString(p.assetClass().name())
                                    .addString(p.side().name()).addBigDecimal(p.qty()).addBigDecimal(p.entryRefPrice())
                                    .addBigDecimal(p.entryPrice()).addOffsetDateTime(time(p.entryTimeMs()))
                                    .addBigDecimal(p.entryFees()).addBigDecimal(p.entrySlippage())
                                    .addBigDecimal(p.stopPrice()).addBigDecimal(p.leverage())
                                    .addBigDecimal(p.equityBefore()).addBigDecimal(p.sizeUsd()).addBigDecimal(p.riskUsd())
                                    .addString(p.mode().name()).addString(p.regime().name()).addString(p.session().name())
                                    .addDouble(p.signalScore()).addBoolean(p.goodSetup()).addString(p.boundBy())
                                    .addBigDecimal(p.lastPrice()).addBoolean(p.paper())))
                    .mapEmpty();
        } else {
            f = f.compose(v -> conn.preparedQuery("DELETE FROM positions WHERE symbol = $1 AND asset_class = $2")
                    .execute(Tuple.of(o.symbol(), o.assetClass().name()))).mapEmpty();
        }
        if (b.closed().isEmpty()) return f.map(Optional.empty());
        ClosedTrade t = b.closed().get();
        return f
                .compose(v -> conn.preparedQuery("INSERT INTO trades (exit_fill_id, entry_time, exit_time, symbol, asset_class, "
                                + "mode, regime, session, side, qty, entry_price, exit_price, stop_price, leverage, equity_before, "
                                + "size_usd, risk_usd, signal_score, good_setup, gross_pnl, fees, slippage, net_pnl, net_return_pct, "
                                + "paper, bound_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, "
                                + "$19, $20, $21, $22, $23, $24, $25, $26) RETURNING id")
                        .execute(tradeTuple(t)))
                .compose(rows -> {
                    long id = rows.iterator().next().getLong(0);
                    return conn.preparedQuery("INSERT INTO ledger_entries (asset_class, at, kind, amount, ref) "
                                    + "VALUES ($1, $2, 'REALIZED_NET_PNL', $3, $4)")
                            .execute(Tuple.of(t.assetClass().name(), time(t.exitTimeMs()), t.netPnl(), "trade:" + id))
                            .map(Optional.of(t.withId(id)));
                });
    }

    private static Tuple tradeTuple(ClosedTrade t) {
        return Tuple.tuple().addString(t.exitFillId()).addOffsetDateTime(time(t.entryTimeMs()))
                .addOffsetDateTime(time(t.exitTimeMs())).addString(t.symbol()).addString(t.assetClass().name())
                .addString(t.mode().name()).addString(t.regime().name()).addString(t.session().name())
                .addString(t.side().name()).addBigDecimal(t.qty()).addBigDecimal(t.entryPrice())
                .addBigDecimal(t.exitPrice()).addBigDecimal(t.stopPrice()).addBigDecimal(t.leverage())
                .addBigDecimal(t.equityBefore()).addBigDecimal(t.sizeUsd()).addBigDecimal(t.riskUsd())
                .addDouble(t.signalScore()).addBoolean(t.goodSetup()).addBigDecimal(t.grossPnl())
                .addBigDecimal(t.fees()).addBigDecimal(t.slippage()).addBigDecimal(t.netPnl())
                .addBigDecimal(t.netReturnPct()).addBoolean(t.paper()).addString(t.boundBy());
    }

    /** Newest first. */
    /** Whether a venue's funding settlement is already booked (a redelivery after a reconnect or restart). */
    public Future<Boolean> fundingBooked(String execId) {
        return pool.preparedQuery("SELECT 1 FROM funding_payments WHERE exec_id = $1").execute(Tuple.of(execId))
                .map(rows -> rows.size() > 0);
    }

    /** The newest {@code limit} stored equity points as total-equity history (see {@link EquityHistory}). */
    public Future<EquityHistory> equityHistory(int limit) {
        return pool.withTransaction(conn -> conn.preparedQuery("SELECT id, at, asset_class, equity FROM equity_snapshots "
                        + "ORDER BY id DESC LIMIT $1").execute(Tuple.of(limit))
                .compose(rows -> {
                    List<EquityPoint> changes = new ArrayList<>();
                    long firstId = Long.MAX_VALUE;
                    for (Row r : rows) {
                        firstId = Math.min(firstId, r.getLong(0));
                        changes.add(new EquityPoint(AssetClass.valueOf(r.getString(2)),
                                r.getOffsetDateTime(1).toInstant().toEpochMilli(), r.getBigDecimal(3)));
                    }
                    Collections.reverse(changes);
                    long before = firstId;
                    return conn.query("SELECT asset_class, allocation FROM sub_ledgers").execute()
                            .compose(alloc -> conn.preparedQuery("SELECT DISTINCT ON (asset_class) asset_class, equity "
                                            + "FROM equity_snapshots WHERE id < $1 ORDER BY asset_class, id DESC")
                                    .execute(Tuple.of(before)).map(prior -> {
                                        Map<AssetClass, BigDecimal> start = new java.util.EnumMap<>(AssetClass.class);
                                        for (Row r : alloc) start.put(AssetClass.valueOf(r.getString(0)), r.getBigDecimal(1));
                                        for (Row r : prior) start.put(AssetClass.valueOf(r.getString(0)), r.getBigDecimal(1));
                                        return EquityHistory.carryForward(start, changes);
                                    }));
                }));
    }

    public Future<List<ClosedTrade>> trades(int limit) {
        return pool.preparedQuery("SELECT id, exit_fill_id, entry_time, exit_time, symbol, asset_class, mode, regime, "
                        + "session, side, qty, entry_price, exit_price, stop_price, leverage, equity_before, size_usd, "
                        + "risk_usd, signal_score, good_setup, gross_pnl, fees, slippage, net_pnl, net_return_pct, "
                        + "reward_points, paper, bound_by FROM trades ORDER BY exit_time DESC, id DESC LIMIT $1")
                .execute(Tuple.of(limit))
                .map(rows -> {
                    List<ClosedTrade> out = new ArrayList<>();
                    for (Row r : rows) out.add(trade(r));
                    return out;
                });
    }

    public Future<Long> tradeCount() {
        return pool.query("SELECT count(*) FROM trades").execute().map(r -> r.iterator().next().getLong(0));
    }

    static ClosedTrade trade(Row r) {
        return new ClosedTrade(r.getLong(0), r.getString(1), ms(r.getOffsetDateTime(2)), ms(r.getOffsetDateTime(3)),
                r.getString(4), AssetClass.valueOf(r.getString(5)), Mode.valueOf(r.getString(6)),
                Regime.valueOf(r.getString(7)), SessionLabel.valueOf(r.getString(8)), Side.valueOf(r.getString(9)),
                r.getBigDecimal(10), r.getBigDecimal(11), r.getBigDecimal(12), r.getBigDecimal(13), r.getBigDecimal(14),
                r.getBigDecimal(15), r.getBigDecimal(16), r.getBigDecimal(17), r.getDouble(18), r.getBoolean(19),
                r.getBigDecimal(20), r.getBigDecimal(21), r.getBigDecimal(22), r.getBigDecimal(23), r.getBigDecimal(24),
                r.getBigDecimal(25), r.getString(27), r.getBoolean(26));
    }

    private static Position position(Row r) {
        return new Position(r.getString(0), AssetClass.valueOf(r.getString(1)), Side.valueOf(r.getString(2)),
                r.getBigDecimal(3), r.getBigDecimal(4), r.getBigDecimal(5), ms(r.getOffsetDateTime(6)),
                r.getBigDecimal(7), r.getBigDecimal(8), r.getBigDecimal(9), r.getBigDecimal(10), r.getBigDecimal(11),
                r.getBigDecimal(12), r.getBigDecimal(13), Mode.valueOf(r.getString(14)), Regime.valueOf(r.getString(15)),
                SessionLabel.valueOf(r.getString(16)), r.getDouble(17), r.getBoolean(18), r.getString(19), r.getBigDecimal(20),
                r.getBoolean(21));
    }

    static OffsetDateTime time(long ms) { return Instant.ofEpochMilli(ms).atOffset(ZoneOffset.UTC); }

    static long ms(OffsetDateTime t) { return t.toInstant().toEpochMilli(); }
}
