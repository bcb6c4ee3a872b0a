package dev.meridian.learning;

import dev.meridian.bus.Addresses;
import dev.meridian.portfolio.ClosedTrade;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.logging.Logger;

/**
 * The reward system's verticle: scores every closed trade from its net return
 * ({@link RewardSystem}), stores the reward per context and on the trade, and publishes it. At
 * start it scores trades that were booked but not yet rewarded (a crash between the two), so no
 * trade goes unrewarded and none is rewarded twice (one reward per trade id).
 */
public final class LearningVerticle extends VerticleBase {
    private static final Logger LOG = Logger.getLogger(LearningVerticle.class.getName());
    private final Pool pool;

    public LearningVerticle(Pool pool) { this.pool = pool; }

    @Override
    public Future<?> start() {
        vertx.eventBus().<ClosedTrade>consumer(Addresses.EVT_TRADE_CLOSED, m -> {
            ClosedTrade t = m.body();
            reward(t.id(), t.assetClass().name(), t.regime().name(), t.session().name(), t.mode().name(), t.netReturnPct(), t.exitTimeMs());
        });
        return pool.query("SELECT t.id, t.asset_class, t.regime, t.session, t.mode, t.net_return_pct, t.exit_time FROM trades t "
                        + "LEFT JOIN rewards r ON r.trade_id = t.id WHERE r.id IS NULL ORDER BY t.id").execute()
                .onSuccess(rows -> {
                    for (Row r : rows) {
                        reward(r.getLong(0), r.getString(1), r.getString(2), r.getString(3), r.getString(4),
                                r.getBigDecimal(5), r.getOffsetDateTime(6).toInstant().toEpochMilli());
                    }
                });
    }

    private void reward(long tradeId, String assetClass, String regime, String session, String mode, BigDecimal netPct, long atMs) {
        BigDecimal points = RewardSystem.points(netPct);
        Reward reward = new Reward(tradeId, assetClass, regime, session, mode, netPct, points);
        pool.withTransaction(conn -> conn.preparedQuery("INSERT INTO rewards (trade_id, asset_class, regime, session, mode, "
                                + "net_return_pct, points, at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (trade_id) DO NOTHING")
                        .execute(Tuple.of(tradeId, assetClass, regime, session, mode, netPct, points,
                                Instant.ofEpochMilli(atMs).atOffset(ZoneOffset.UTC)))
                        .compose(v -> conn.preparedQuery("UPDATE trades SET reward_points = $2 WHERE id = $1")
                                .execute(Tuple.of(tradeId, points))))
                .onSuccess(v -> vertx.eventBus().publish(Addresses.EVT_REWARD, reward))
                .onFailure(e -> LOG.severe("reward for trade " + tradeId + " not stored (it is retried at next start): " + e.getMessage()));
    }
}
