package dev.meridian.config;

import java.util.List;
import java.util.Objects;

/**
 * Market data settings ({@code market} in conf/meridian.json).
 *
 * @param timeframesSec bar lengths built from ticks, strictly increasing, each dividing a day so
 *                      bars stay aligned to UTC midnight and to the session boundaries
 * @param defaultReplay the replay SOURCE (built-in name or CSV path) used when a command needs
 *                      one and none is given
 * @param defaultSpeed  replay speed in the CLI's {@code --speed} syntax: "max" or a positive multiple of real time
 * @param live          live Bybit market data: universe, grace periods, backfill, Top_Pairs
 */
public record MarketConfig(List<Integer> timeframesSec, String defaultReplay, String defaultSpeed, LiveMarketConfig live) {
    static final Range TIMEFRAME_SEC = Range.ints(1, 86_400);

    public MarketConfig {
        timeframesSec = List.copyOf(timeframesSec);
        Objects.requireNonNull(defaultReplay, "defaultReplay");
        Objects.requireNonNull(defaultSpeed, "defaultSpeed");
        Objects.requireNonNull(live, "live");
        if (timeframesSec.isEmpty()) throw new IllegalArgumentException("timeframes_sec must not be empty");
        for (int i = 0; i < timeframesSec.size(); i++) {
            int tf = TIMEFRAME_SEC.check("timeframes_sec[" + i + "]", timeframesSec.get(i));
            if (86_400 % tf != 0) {
                throw new IllegalArgumentException("timeframes_sec[" + i + "] must divide a day (86400 s), got " + tf);
            }
            if (i > 0 && tf <= timeframesSec.get(i - 1)) {
                throw new IllegalArgumentException("timeframes_sec must be strictly increasing, got "
                        + timeframesSec.get(i - 1) + " before " + tf);
            }
        }
        if (defaultReplay.isBlank()) throw new IllegalArgumentException("default_replay must be a non-empty string");
        try {
            Values.speed(defaultSpeed);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("default_speed " + e.getMessage() + ", got \"" + defaultSpeed + "\"");
        }
    }
}
