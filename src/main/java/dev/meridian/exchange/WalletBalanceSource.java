package dev.meridian.exchange;

import dev.meridian.core.AssetClass;
import io.vertx.core.Future;

import java.math.BigDecimal;
import java.util.Map;

/**
 * Where LIVE wallet balances come from: one implementation per venue connector (Bybit's
 * wallet-balance endpoint and private {@code wallet} topic with #6, OANDA's account summary with
 * #10). Balances are in USD (quote) per venue name; {@link #venueOf()} says which venue holds
 * each asset class's funds.
 */
public interface WalletBalanceSource {
    Future<Map<String, BigDecimal>> balances();

    Map<AssetClass, String> venueOf();
}
