package dev.meridian.config;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything Meridian is configured with: conf/meridian.json, the policies and the environment,
 * merged (environment wins) and validated. Its {@code toString()} is safe to log: every credential
 * is a {@link Secret}.
 *
 * @param http           listener of the dashboard, API and metrics
 * @param stateDir       state directory (embedded PostgreSQL, generated token), absolute
 * @param telemetryDir   telemetry export directory, absolute
 * @param pgUrl          external PostgreSQL ({@code postgresql://user:pass@host:port/db}); empty = embedded
 * @param dashboardToken fixed dashboard token; empty = generated on first start and printed once
 * @param bybit          Bybit endpoints and credentials
 * @param oanda          OANDA endpoints and account
 * @param telegram       Telegram endpoint and bot
 * @param market         market data settings
 * @param strategy       strategy settings; its timeframe is one of {@code market.timeframesSec}
 * @param allocation     the sub-ledger split
 * @param policies       the policy files
 */
public record MeridianConfig(HttpConfig http, Path stateDir, Path telemetryDir, Optional<Secret> pgUrl,
                             Optional<Secret> dashboardToken, BybitConfig bybit, OandaConfig oanda,
                             TelegramConfig telegram, MarketConfig market, StrategyConfig strategy,
                             Allocation allocation, Policies policies) {
    public MeridianConfig {
        Objects.requireNonNull(http, "http");
        Objects.requireNonNull(stateDir, "stateDir");
        Objects.requireNonNull(telemetryDir, "telemetryDir");
        Objects.requireNonNull(pgUrl, "pgUrl");
        Objects.requireNonNull(dashboardToken, "dashboardToken");
        Objects.requireNonNull(bybit, "bybit");
        Objects.requireNonNull(oanda, "oanda");
        Objects.requireNonNull(telegram, "telegram");
        Objects.requireNonNull(market, "market");
        Objects.requireNonNull(strategy, "strategy");
        Objects.requireNonNull(allocation, "allocation");
        Objects.requireNonNull(policies, "policies");
        if (!stateDir.isAbsolute() || !telemetryDir.isAbsolute()) {
            throw new IllegalArgumentException("state_dir and telemetry_dir must be resolved to absolute paths");
        }
        requireStrategyTimeframe(market, strategy);
    }

    /** The strategy can only read bars that the market module builds. */
    static void requireStrategyTimeframe(MarketConfig market, StrategyConfig strategy) {
        if (!market.timeframesSec().contains(strategy.timeframeSec())) {
            throw new IllegalArgumentException("strategy.timeframe_sec must be one of market.timeframes_sec "
                    + market.timeframesSec() + ", got " + strategy.timeframeSec());
        }
    }
}
