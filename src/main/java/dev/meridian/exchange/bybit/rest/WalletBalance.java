package dev.meridian.exchange.bybit.rest;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Objects;

/**
 * The unified trading account from {@code /v5/account/wallet-balance?accountType=UNIFIED}:
 * {@code totalEquity} in USD and, per coin Bybit lists (it omits zero balances), the coin's
 * {@code walletBalance} and {@code equity} in that coin. {@code locked} is what open spot orders
 * hold, so free spot balance is about {@code walletBalance - locked}.
 */
public record WalletBalance(BigDecimal totalEquity, Map<String, Coin> coins) {
    public WalletBalance {
        Objects.requireNonNull(totalEquity, "totalEquity");
        coins = Map.copyOf(coins);
    }

    /** One coin's balances, in that coin; a field Bybit leaves empty reads as 0. */
    public record Coin(String coin, BigDecimal walletBalance, BigDecimal equity, BigDecimal locked) {
        public Coin {
            Objects.requireNonNull(coin, "coin");
            Objects.requireNonNull(walletBalance, "walletBalance");
            Objects.requireNonNull(equity, "equity");
            Objects.requireNonNull(locked, "locked");
        }
    }
}
