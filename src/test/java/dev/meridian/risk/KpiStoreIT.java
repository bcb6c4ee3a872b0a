package dev.meridian.risk;

import dev.meridian.learning.KpiGates;
import dev.meridian.config.KpiThresholds;
import dev.meridian.core.AssetClass;
import dev.meridian.core.Mode;
import dev.meridian.learning.KpiBook;
import dev.meridian.learning.KpiSample;
import dev.meridian.store.Database;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The KPI verdicts in real (embedded) PostgreSQL: ±∞ ratios survive, a later verdict replaces the earlier one. */
class KpiStoreIT {
    @Test
    void storesTheLatestVerdictPerPairWithUnboundedRatios(@TempDir Path stateDir) {
        Vertx vertx = Vertx.vertx();
        Database db = Database.open(vertx, stateDir, Optional.empty());
        try {
            KpiStore store = new KpiStore(db.pool());
            KpiBook book = new KpiBook(90);
            KpiGates gates = new KpiGates(book, (a, m) -> Optional.of(new KpiThresholds(2, BigDecimal.ZERO, 1, 1, 1, new BigDecimal("0.15"))));
            // One winning trade: Sharpe, Sortino and Calmar are +∞, too few trades to be eligible.
            book.add(AssetClass.SPOT, Mode.SWING, new KpiSample(0, 60_000, new BigDecimal("1"), new BigDecimal("10"),
                    new BigDecimal("14000"), KpiSample.Source.PAPER));
            store.save(gates.row(AssetClass.SPOT, Mode.SWING, 60_000).orElseThrow(), 60_000).await();
            Row r = db.pool().query("SELECT trades, sharpe, eligible_live, reasons::text, evidence::text FROM kpi_snapshots "
                    + "WHERE asset_class = 'SPOT' AND mode = 'SWING'").execute().await().iterator().next();
            assertThat(r.getInteger(0)).isEqualTo(1);
            assertThat(r.getDouble(1)).isEqualTo(Double.POSITIVE_INFINITY);
            assertThat(r.getBoolean(2)).isFalse();
            assertThat(r.getString(3)).contains("1 trades of evidence, needs 2");
            assertThat(r.getString(4)).contains("\"PAPER\": 1");

            // A second winning day makes the pair eligible; the row is replaced, not added.
            book.add(AssetClass.SPOT, Mode.SWING, new KpiSample(86_400_000, 86_460_000, new BigDecimal("1"), new BigDecimal("10"),
                    new BigDecimal("14001"), KpiSample.Source.LIVE));
            store.save(gates.row(AssetClass.SPOT, Mode.SWING, 86_460_000).orElseThrow(), 86_460_000).await();
            var rows = db.pool().query("SELECT trades, eligible_live, reasons::text FROM kpi_snapshots").execute().await();
            assertThat(rows.size()).isEqualTo(1);
            Row r2 = rows.iterator().next();
            assertThat(r2.getInteger(0)).isEqualTo(2);
            assertThat(r2.getBoolean(1)).isTrue();
            assertThat(r2.getString(2)).isEqualTo("[]");
        } finally {
            db.close().await();
            vertx.close().await();
        }
    }
}
