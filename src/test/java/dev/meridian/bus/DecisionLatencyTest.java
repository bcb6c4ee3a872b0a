package dev.meridian.bus;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class DecisionLatencyTest {
    @Test
    void theElapsedTimeRunsFromTheFirstStampOfAPositionAndAcknowledgedPositionsAreForgotten() {
        AtomicLong now = new AtomicLong(1_000);
        DecisionLatency latency = new DecisionLatency(now::get);
        latency.stamp(7);
        now.set(1_500);
        latency.stamp(7); // a second bar closed by the same event keeps the first stamp
        latency.stamp(8);
        now.set(4_000);
        assertThat(latency.elapsedNanos(7)).hasValue(3_000);
        assertThat(latency.elapsedNanos(8)).hasValue(2_500);
        assertThat(latency.elapsedNanos(9)).isEmpty();

        latency.forgetThrough(7);
        assertThat(latency.elapsedNanos(7)).isEmpty();
        assertThat(latency.inFlight()).isEqualTo(1);
        latency.forgetThrough(100);
        assertThat(latency.inFlight()).isZero();
    }
}
