package dev.meridian.risk;

import dev.meridian.core.AssetClass;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * The part of {@link RiskRails} state that must survive a restart, per sub-ledger. The caller
 * persists it (e.g. after every {@code observe}) and hands it back to {@link RiskRails#restore}.
 * Refusal counters are deliberately not part of it: they are metrics counters, which restart at
 * zero like every Prometheus counter.
 *
 * @param ledgers state per asset class; classes never observed are absent
 */
public record RailsSnapshot(Map<AssetClass, LedgerState> ledgers) {
    public RailsSnapshot {
        EnumMap<AssetClass, LedgerState> copy = new EnumMap<>(AssetClass.class);
        copy.putAll(Objects.requireNonNull(ledgers, "ledgers"));
        ledgers = Collections.unmodifiableMap(copy);
    }

    /**
     * One sub-ledger's rail state.
     *
     * @param peakEquity        highest equity seen since the start or the last owner resume
     * @param lastEquity        the latest equity observed
     * @param lastEventTimeMs   event time of the latest observation (the daily clock never runs back past it)
     * @param dayStartMs        00:00 UTC (epoch ms) of the day {@code startOfDayEquity} belongs to
     * @param startOfDayEquity  the equity the daily loss is measured from
     * @param drawdownHalted    true once the drawdown limit was hit, until the owner resumes
     * @param dailyHaltUntilMs  event time at which the daily-loss halt lifts; 0 when not halted
     */
    public record LedgerState(BigDecimal peakEquity, BigDecimal lastEquity, long lastEventTimeMs, long dayStartMs,
                              BigDecimal startOfDayEquity, boolean drawdownHalted, long dailyHaltUntilMs) {
        public LedgerState {
            Objects.requireNonNull(peakEquity, "peakEquity");
            Objects.requireNonNull(lastEquity, "lastEquity");
            Objects.requireNonNull(startOfDayEquity, "startOfDayEquity");
        }
    }
}
