package dev.meridian.config;

import java.util.Objects;

/**
 * Strategy settings ({@code strategy} in conf/meridian.json).
 *
 * @param timeframeSec the bar length signals are computed on; one of {@link MarketConfig#timeframesSec()}
 * @param learning     the AUTO mode selector ({@code strategy.learning}; defaults when absent)
 */
public record StrategyConfig(int timeframeSec, LearningConfig learning) {
    public StrategyConfig {
        MarketConfig.TIMEFRAME_SEC.check("timeframe_sec", timeframeSec);
        Objects.requireNonNull(learning, "learning");
    }
}
