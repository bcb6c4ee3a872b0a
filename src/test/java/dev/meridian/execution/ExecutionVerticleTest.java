package dev.meridian.execution;

import dev.meridian.bus.Addresses;
import dev.meridian.bus.RecordCodecs;
import dev.meridian.core.AssetClass;
import dev.meridian.core.Fill;
import dev.meridian.core.Order;
import dev.meridian.core.OrderRejected;
import dev.meridian.core.Side;
import dev.meridian.exchange.paper.PaperVenue;
import dev.meridian.core.Tick;
import dev.meridian.exchange.paper.PaperExchangeTest;
import dev.meridian.funds.FundsController;
import dev.meridian.funds.FundsState;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The executor enforces the funds controls again right before an order leaves: a switch flipped
 * after risk approved the order, but before execution handles it, wins.
 */
@ExtendWith(VertxExtension.class)
class ExecutionVerticleTest {
    private final FundsState funds = FundsState.defaults(Map.of(AssetClass.SPOT, new BigDecimal("14000")), new BigDecimal("0.10"));

    @Test
    void aSwitchFlippedBetweenApprovalAndExecutionWins(Vertx vertx, VertxTestContext ctx) {
        RecordCodecs.registerAll(vertx.eventBus(), Tick.class, Order.class, OrderRejected.class, Fill.class, FundsState.class);
        List<Object> out = new ArrayList<>();
        vertx.eventBus().<Object>consumer(Addresses.EVT_EXEC, m -> {
            out.add(m.body());
            if (out.size() == 3) {
                ctx.verify(() -> {
                    assertThat(out.get(0)).isInstanceOf(Fill.class);
                    assertThat(out.get(1)).isInstanceOfSatisfying(OrderRejected.class, r -> {
                        assertThat(r.stage()).isEqualTo("execution");
                        assertThat(r.reason()).contains("paused");
                    });
                    // Exits still run while paused.
                    assertThat(out.get(2)).isInstanceOf(Fill.class);
                });
                ctx.completeNow();
            }
        });
        vertx.deployVerticle(new ExecutionVerticle(new PaperVenue(BigDecimal.TEN, BigDecimal.TEN, new BigDecimal("2")), funds))
                .onComplete(ctx.succeeding(id -> {
                    vertx.eventBus().publish(Addresses.MD_TICK, tick());
                    vertx.eventBus().publish(Addresses.MD_TICK, new Tick("BTCUSDT", AssetClass.SPOT, 900, new BigDecimal("810"), BigDecimal.ONE, 7, false));
                    Order approvedEntry = PaperExchangeTest.order(Side.BUY, true, "0.0125", "800");
                    vertx.eventBus().send(Addresses.CMD_EXEC_ORDER, approvedEntry);
                    // Risk approved this one too, then the owner paused before execution handled it.
                    vertx.eventBus().publish(Addresses.EVT_FUNDS, FundsController.apply(funds, Map.of("paused", true)).state());
                    vertx.eventBus().send(Addresses.CMD_EXEC_ORDER, approvedEntry);
                    vertx.eventBus().send(Addresses.CMD_EXEC_ORDER, LiveRouterIT.order("o-2", 8, Side.SELL, false, "0.0125", true, "810"));
                }));
    }

    @Test
    void allowFundsOnWithoutALiveConnectorStillFillsOnPaper(Vertx vertx, VertxTestContext ctx) {
        RecordCodecs.registerAll(vertx.eventBus(), Tick.class, Order.class, OrderRejected.class, Fill.class, FundsState.class);
        FundsState live = FundsController.apply(funds, Map.of("allow_funds", true)).state();
        vertx.eventBus().<Object>consumer(Addresses.EVT_EXEC, m -> ctx.verify(() -> {
            assertThat(m.body()).isInstanceOfSatisfying(Fill.class, f -> assertThat(f.order().paper()).isTrue());
            ctx.completeNow();
        }));
        vertx.deployVerticle(new ExecutionVerticle(new PaperVenue(BigDecimal.TEN, BigDecimal.TEN, new BigDecimal("2")), live))
                .onComplete(ctx.succeeding(id -> {
                    vertx.eventBus().publish(Addresses.MD_TICK, tick());
                    vertx.eventBus().send(Addresses.CMD_EXEC_ORDER, PaperExchangeTest.order(Side.BUY, true, "0.0125", "800").withPaper(false));
                }));
    }

    /** The paper venue prices market orders off the last trade. */
    private static Tick tick() {
        return new Tick("BTCUSD", AssetClass.SPOT, 900, new BigDecimal("800"), BigDecimal.ONE, 6, false);
    }
}
