package dev.meridian.execution;

import dev.meridian.bus.Addresses;
import dev.meridian.bus.Watermark;
import dev.meridian.core.Order;
import dev.meridian.core.OrderRejected;
import dev.meridian.exchange.paper.PaperExchange;
import dev.meridian.funds.FundsState;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;

/**
 * The trade executor: re-checks the funds controller immediately before an order leaves (the
 * owner may have paused or switched a class off since risk approved it), routes it — to the paper
 * exchange while Allow Funds is OFF or no live connector exists for the class (none yet: live
 * adapters arrive with #6, #9, #10) — and sends fills and rejections on to the portfolio in order.
 */
public final class ExecutionVerticle extends VerticleBase {
    private final PaperExchange paper;
    private FundsState funds;

    public ExecutionVerticle(PaperExchange paper, FundsState funds) {
        this.paper = paper;
        this.funds = funds;
    }

    @Override
    public Future<?> start() {
        var bus = vertx.eventBus();
        bus.<FundsState>consumer(Addresses.EVT_FUNDS, m -> funds = m.body());
        bus.<Object>consumer(Addresses.CMD_EXEC_ORDER, m -> {
            Object body = m.body();
            if (body instanceof Order o) {
                bus.send(Addresses.EVT_EXEC, route(o));
            } else if (body instanceof OrderRejected r) {
                bus.publish(Addresses.EVT_ORDER_REJECTED, r);
                bus.send(Addresses.EVT_EXEC, r);
            } else if (body instanceof Watermark w) {
                bus.send(Addresses.EVT_EXEC, w);
            }
        });
        return Future.succeededFuture();
    }

    private Object route(Order o) {
        if (o.entry() && !funds.entriesAllowed(o.assetClass())) {
            OrderRejected r = new OrderRejected(o.id(), o.source(), o.seq(), o.timeMs(), o.symbol(), o.assetClass(),
                    o.side(), true, "execution", funds.paused() ? "funds controller: paused" : "funds controller: " + o.assetClass() + " is off");
            vertx.eventBus().publish(Addresses.EVT_ORDER_REJECTED, r);
            return r;
        }
        // No live connector exists yet, so even with Allow Funds ON every order is paper.
        return paper.fill(o.withPaper(true), o.timeMs());
    }
}
