package dev.meridian.risk;

import dev.meridian.learning.KpiGates;
import dev.meridian.core.AssetClass;
import dev.meridian.core.Mode;
import dev.meridian.learning.KpiSample;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * The KPI gates' storage: reads the closed trades back as evidence at start, and upserts each
 * pair's latest verdict into {@code kpi_snapshots}.
 */
public final class KpiStore {
    /** A stored trade as evidence for one (asset class, mode). */
    public record Evidence(AssetClass assetClass, Mode mode, KpiSample sample) {
    }

    private final Pool pool;

    public KpiStore(Pool pool) { this.pool = pool; }

    /** Every closed trade, oldest exit first (the book keeps only its window). */
    public Future<List<Evidence>> loadEvidence() {
        return pool.query("SELECT asset_class, mode, entry_time, exit_time, net_pnl, size_usd, equity_before, paper "
                + "FROM trades ORDER BY exit_time, id").execute().map(rows -> {
                    List<Evidence> out = new ArrayList<>();
                    rows.forEach(r -> out.add(new Evidence(AssetClass.valueOf(r.getString(0)), Mode.valueOf(r.getString(1)),
                            new KpiSample(r.getOffsetDateTime(2).toInstant().toEpochMilli(),
                                    r.getOffsetDateTime(3).toInstant().toEpochMilli(), r.getBigDecimal(4),
                                    r.getBigDecimal(5), r.getBigDecimal(6),
                                    r.getBoolean(7) ? KpiSample.Source.PAPER : KpiSample.Source.LIVE))));
                    return out;
                });
    }

    public Future<Void> save(KpiGates.Row row, long asOfMs) {
        var k = row.report();
        JsonObject evidence = new JsonObject();
        k.evidence().forEach((s, n) -> evidence.put(s.name(), n));
        return pool.preparedQuery("INSERT INTO kpi_snapshots (asset_class, mode, as_of, trades, sharpe, sortino, calmar, "
                        + "max_drawdown, expectancy, win_rate, profit_factor, eligible_live, evidence, reasons) "
                        + "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) ON CONFLICT (asset_class, mode) "
                        + "DO UPDATE SET as_of = EXCLUDED.as_of, trades = EXCLUDED.trades, sharpe = EXCLUDED.sharpe, "
                        + "sortino = EXCLUDED.sortino, calmar = EXCLUDED.calmar, max_drawdown = EXCLUDED.max_drawdown, "
                        + "expectancy = EXCLUDED.expectancy, win_rate = EXCLUDED.win_rate, profit_factor = EXCLUDED.profit_factor, "
                        + "eligible_live = EXCLUDED.eligible_live, evidence = EXCLUDED.evidence, reasons = EXCLUDED.reasons")
                .execute(Tuple.from(List.of(row.assetClass().name(), row.mode().name(),
                        Instant.ofEpochMilli(asOfMs).atOffset(ZoneOffset.UTC), k.trades(), k.sharpe(), k.sortino(), k.calmar(),
                        k.maxDrawdown(), k.expectancy(), k.winRate(), k.profitFactor(), row.verdict().eligibleLive(), evidence,
                        new JsonArray(row.verdict().reasons()))))
                .mapEmpty();
    }

}
