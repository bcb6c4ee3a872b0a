package dev.meridian.portfolio;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;

import java.util.logging.Logger;

/**
 * Wallet sync. In SIM (no exchange keys) the sub-ledgers are the source of truth and there is
 * nothing to sync; the LIVE path (wallet balances capping the sub-ledgers, with no negative drift)
 * arrives with #4 and #6.
 */
public final class WalletSyncVerticle extends VerticleBase {
    private static final Logger LOG = Logger.getLogger(WalletSyncVerticle.class.getName());
    private final boolean liveKeys;

    public WalletSyncVerticle(boolean liveKeys) { this.liveKeys = liveKeys; }

    @Override
    public Future<?> start() {
        LOG.info(liveKeys ? "wallet sync: exchange keys present, but live wallet sync is not built yet; sub-ledgers stay SIM"
                : "wallet sync: SIM, sub-ledger equity is the source of truth");
        return Future.succeededFuture();
    }
}
