package dev.meridian.exchange.bybit.parse;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * One account of the private {@code wallet} topic. Bybit sends no snapshot on subscribe and no push
 * for unrealised-P&amp;L moves, so the first balance after (re)connecting must come from REST and a
 * quiet wallet topic does not mean unchanged equity.
 *
 * @param accountType e.g. {@code UNIFIED}
 * @param totalEquity the account's total equity in USD, or null when sent empty
 * @param coins       per-coin balances in the frame's order; never null
 * @param timeMs      the frame's {@code creationTime}, epoch ms, or 0 when absent
 */
public record BybitWalletUpdate(String accountType, BigDecimal totalEquity, List<Coin> coins, long timeMs)
        implements PrivateEvent {
    public BybitWalletUpdate {
        Objects.requireNonNull(accountType, "accountType");
        coins = List.copyOf(coins);
    }

    /**
     * One coin's balance; a field Bybit sent empty (e.g. {@code locked} outside spot) is null.
     *
     * @param coin          e.g. {@code USDT}; never null
     * @param walletBalance the coin's wallet balance
     * @param equity        balance plus unrealised P&amp;L
     * @param locked        held by open spot orders
     */
    public record Coin(String coin, BigDecimal walletBalance, BigDecimal equity, BigDecimal locked) {
        public Coin {
            Objects.requireNonNull(coin, "coin");
        }
    }
}
