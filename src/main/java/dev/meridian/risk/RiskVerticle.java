package dev.meridian.risk;

import dev.meridian.bus.Addresses;
import dev.meridian.bus.Watermark;
import dev.meridian.funds.FundsState;
import dev.meridian.portfolio.PortfolioSnapshot;
import dev.meridian.strategy.TradeIntent;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;

/**
 * Runs every intent through the {@link RiskEngine} against the latest funds state and portfolio
 * (both pushed to it on the bus) and sends the order or the rejection on to execution, in order.
 */
public final class RiskVerticle extends VerticleBase {
    private final RiskEngine engine;
    private FundsState funds;
    private PortfolioSnapshot portfolio;

    public RiskVerticle(RiskEngine engine, FundsState funds, PortfolioSnapshot portfolio) {
        this.engine = engine;
        this.funds = funds;
        this.portfolio = portfolio;
    }

    @Override
    public Future<?> start() {
        var bus = vertx.eventBus();
        bus.<FundsState>consumer(Addresses.EVT_FUNDS, m -> funds = m.body());
        bus.<PortfolioSnapshot>consumer(Addresses.EVT_PORTFOLIO, m -> portfolio = m.body());
        bus.<Object>consumer(Addresses.CMD_RISK_INTENT, m -> {
            Object body = m.body();
            if (body instanceof TradeIntent in) {
                RiskEngine.Decision d = engine.decide(in, funds, portfolio);
                bus.send(Addresses.CMD_EXEC_ORDER, d.order() != null ? d.order() : d.rejected());
            } else if (body instanceof Watermark w) {
                bus.send(Addresses.CMD_EXEC_ORDER, w);
            }
        });
        return Future.succeededFuture();
    }
}
