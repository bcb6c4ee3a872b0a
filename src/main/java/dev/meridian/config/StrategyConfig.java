package dev.meridian.config;

/**
 * Strategy settings ({@code strategy} in conf/meridian.json).
 *
 * @param timeframeSec the bar length signals are computed on; one of {@link MarketConfig#timeframesSec()}
 */
public record StrategyConfig(int timeframeSec) {
    public StrategyConfig {
        MarketConfig.TIMEFRAME_SEC.check("timeframe_sec", timeframeSec);
    }
}
