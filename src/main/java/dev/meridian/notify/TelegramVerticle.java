package dev.meridian.notify;

import dev.meridian.bus.Addresses;
import dev.meridian.funds.FundsState;
import dev.meridian.market.MarketStatus;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;

import java.util.logging.Logger;

/**
 * Telegram notifications. Until the Bot API client lands (#8) it is log-only: it logs the owner
 * messages it would send (funds changes, the end of a replay) without any token or network.
 */
public final class TelegramVerticle extends VerticleBase {
    private static final Logger LOG = Logger.getLogger(TelegramVerticle.class.getName());
    private String lastMarketState;

    @Override
    public Future<?> start() {
        var bus = vertx.eventBus();
        bus.<FundsState>consumer(Addresses.EVT_FUNDS, m -> LOG.info("telegram (log-only): funds controls changed: "
                + dev.meridian.funds.FundsController.toApi(m.body())));
        bus.<MarketStatus>consumer(Addresses.EVT_MARKET_STATUS, m -> {
            if (!m.body().state().equals(lastMarketState)) {
                lastMarketState = m.body().state();
                LOG.info("telegram (log-only): market data " + m.body().source() + " is " + m.body().state());
            }
        });
        return Future.succeededFuture();
    }
}
