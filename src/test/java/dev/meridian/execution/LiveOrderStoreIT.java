package dev.meridian.execution;

import dev.meridian.core.AssetClass;
import dev.meridian.core.Category;
import dev.meridian.core.Mode;
import dev.meridian.core.Order;
import dev.meridian.core.Regime;
import dev.meridian.core.SessionLabel;
import dev.meridian.core.Side;
import dev.meridian.exchange.OrderRequest;
import dev.meridian.store.Database;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The live order store on embedded PostgreSQL: a request with a stop loss reads back with it, and a
 * row written the way the store wrote rows before {@code stop_loss} existed (no value for it) reads
 * back with no stop, every other field unchanged.
 */
class LiveOrderStoreIT {
    @TempDir Path stateDir;
    private Vertx vertx;
    private Database db;
    private LiveOrderStore store;

    @BeforeEach
    void open() {
        vertx = Vertx.vertx();
        db = Database.open(vertx, stateDir, Optional.empty());
        store = new LiveOrderStore(db.pool());
    }

    @AfterEach
    void close() {
        db.close().await();
        vertx.close().await();
    }

    @Test
    void aStopLossRoundTripsAndARowStoredBeforeTheColumnReadsBackWithoutOne() throws Exception {
        Order withStop = order("fx-1", 1, new BigDecimal("1.08650"));
        OrderRequest stopped = request("link-with-stop", withStop).withStopLoss(new BigDecimal("1.08650"));
        store.insert(new LiveOrder(withStop, stopped), "oanda").await();

        Order old = order("fx-2", 2, new BigDecimal("1.08500"));
        OrderRequest plain = request("link-old-row", old);
        // Exactly the INSERT the store ran before stop_loss existed.
        db.pool().preparedQuery("INSERT INTO live_orders (order_link_id, order_id, venue, category, symbol, side, order_type, qty, "
                        + "limit_price, post_only, reduce_only, ref_price, request_time, decision, status, updated_at) VALUES "
                        + "($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, 'PENDING', now())")
                .execute(Tuple.from(java.util.Arrays.asList(plain.orderLinkId(), old.id(), "oanda", plain.category().name(),
                        plain.symbol(), plain.side().name(), plain.type().name(), plain.qty(), null, false, false, plain.refPrice(),
                        Instant.ofEpochMilli(plain.timeMs()).atOffset(ZoneOffset.UTC),
                        new JsonObject(new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(old)))))
                .await();

        Map<String, OrderRequest> back = store.unbooked().await().stream()
                .collect(Collectors.toMap(LiveOrder::linkId, LiveOrder::request, (a, b) -> a));
        assertThat(back).containsOnlyKeys("link-with-stop", "link-old-row");
        assertThat(back.get("link-with-stop").stopLoss()).hasValueSatisfying(p -> assertThat(p).isEqualByComparingTo("1.0865"));
        assertThat(back.get("link-old-row").stopLoss()).isEmpty();
        // Apart from the stop, what comes back is what was sent (entries get the decision's leverage, here 1).
        assertThat(sameButStop(back.get("link-with-stop"), stopped)).isTrue();
        assertThat(sameButStop(back.get("link-old-row"), plain)).isTrue();
    }

    private static boolean sameButStop(OrderRequest a, OrderRequest b) {
        List<Function<OrderRequest, Object>> fields = List.of(OrderRequest::orderLinkId, OrderRequest::category, OrderRequest::symbol,
                OrderRequest::side, OrderRequest::type, OrderRequest::limitPrice, OrderRequest::postOnly, OrderRequest::reduceOnly,
                OrderRequest::timeMs, OrderRequest::ioc);
        return fields.stream().allMatch(f -> f.apply(a).equals(f.apply(b)))
                && a.qty().compareTo(b.qty()) == 0 && a.refPrice().compareTo(b.refPrice()) == 0
                && a.leverage().compareTo(b.leverage()) == 0;
    }

    private static OrderRequest request(String link, Order o) {
        return OrderRequest.market(link, Category.SPOT, o.symbol(), o.side(), o.qty(), o.refPrice(), o.timeMs());
    }

    private static Order order(String id, long seq, BigDecimal stop) {
        return new Order(id, "live", seq, 1_700_000_000_000L + seq, "EUR_USD", AssetClass.FOREX, Side.BUY, true,
                new BigDecimal("1000"), new BigDecimal("1.08750"), stop, BigDecimal.ONE, new BigDecimal("5000"),
                new BigDecimal("1087.5"), new BigDecimal("1.0"), Mode.INTRADAY_TREND, Regime.TREND_UP, SessionLabel.EU, 0.6, true,
                "RISK", false);
    }
}
