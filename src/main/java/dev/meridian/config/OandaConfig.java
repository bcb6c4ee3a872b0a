package dev.meridian.config;

import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * OANDA v20 endpoints (practice or live, chosen by the URLs) and the account to trade.
 *
 * @param url       REST base, e.g. https://api-fxpractice.oanda.com
 * @param streamUrl pricing/transaction stream base, e.g. https://stream-fxpractice.oanda.com
 * @param account   present only when both MERIDIAN_OANDA_TOKEN and MERIDIAN_OANDA_ACCOUNT are set
 * @param instruments the pairs streamed and traded as FOREX, OANDA names ({@code EUR_USD}); each
 *                    must have a USD leg (see {@code core.ForexPair}): P&L is booked in USD
 */
public record OandaConfig(URI url, URI streamUrl, Optional<Account> account, List<String> instruments) {
    public OandaConfig {
        Values.requireUrl("url", url, Values.HTTP);
        Values.requireUrl("stream_url", streamUrl, Values.HTTP);
        Objects.requireNonNull(account, "account");
        instruments = List.copyOf(instruments);
        for (String i : instruments) {
            if (!i.matches("[A-Z]{3}_[A-Z]{3}")) throw new IllegalArgumentException("instruments: \"" + i + "\" is not an OANDA pair name like EUR_USD");
            try {
                dev.meridian.core.ForexPair.parse(i).requireUsdLeg();
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("instruments: " + e.getMessage());
            }
        }
    }

    /** A bearer token and the v20 account id it trades (e.g. "101-004-1234567-001"). */
    public record Account(Secret token, String accountId) {
        public Account {
            Objects.requireNonNull(token, "token");
            Objects.requireNonNull(accountId, "accountId");
            if (accountId.isBlank()) throw new IllegalArgumentException("account id must not be blank");
        }
    }
}
