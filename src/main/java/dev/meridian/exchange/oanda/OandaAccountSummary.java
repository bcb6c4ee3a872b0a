package dev.meridian.exchange.oanda;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * The fields of {@code GET /v3/accounts/{id}/summary} the bot uses, exact as OANDA sent them (its
 * decimals are strings). Amounts are in the account's home {@code currency}.
 *
 * @param balance           cash: deposits, realized P&L, fees and financing so far
 * @param nav               net asset value: balance + unrealized P&L of the open trades
 * @param unrealizedPl      unrealized P&L of the open trades
 * @param marginUsed        margin the open trades tie up
 * @param marginAvailable   margin left for new trades
 * @param lastTransactionId the id of the account's newest transaction when the summary was taken:
 *                          transactions after it are what happened since (OANDA's ids are
 *                          increasing integers, unique in the account)
 */
public record OandaAccountSummary(String accountId, String currency, BigDecimal balance, BigDecimal nav,
                                  BigDecimal unrealizedPl, BigDecimal marginUsed, BigDecimal marginAvailable,
                                  int openPositionCount, long lastTransactionId) {
    public OandaAccountSummary {
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(balance, "balance");
        Objects.requireNonNull(nav, "nav");
        Objects.requireNonNull(unrealizedPl, "unrealizedPl");
        Objects.requireNonNull(marginUsed, "marginUsed");
        Objects.requireNonNull(marginAvailable, "marginAvailable");
        if (openPositionCount < 0) throw new IllegalArgumentException("openPositionCount must be >= 0, got " + openPositionCount);
        if (lastTransactionId < 0) throw new IllegalArgumentException("lastTransactionId must be >= 0, got " + lastTransactionId);
    }
}
