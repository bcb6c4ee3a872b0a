package dev.meridian.exchange;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BackoffTest {

    @Test
    void ceilingDoublesFromBaseUpToMax() {
        Backoff b = new Backoff(500, 30_000, new Random(1));
        assertThat(List.of(b.ceilingMs(0), b.ceilingMs(1), b.ceilingMs(2), b.ceilingMs(5), b.ceilingMs(6), b.ceilingMs(60), b.ceilingMs(Integer.MAX_VALUE)))
                .containsExactly(500L, 1_000L, 2_000L, 16_000L, 30_000L, 30_000L, 30_000L);
    }

    @Test
    void delaysAreFullJitterBelowTheCeilingAndResetStartsOver() {
        Backoff b = new Backoff(100, 1_000, new Random(7));
        for (int n = 0; n < 50; n++) {
            long ceiling = b.ceilingMs(b.attempts());
            assertThat(b.nextDelayMs()).isBetween(0L, ceiling);
        }
        assertThat(b.attempts()).isEqualTo(50);
        b.reset();
        assertThat(b.attempts()).isZero();
        assertThat(b.nextDelayMs()).isBetween(0L, 100L);
    }

    @Test
    void jitterSpreadsOverTheWholeRange() {
        Backoff b = new Backoff(1_000, 1_000, new Random(3));
        List<Long> draws = new ArrayList<>();
        for (int n = 0; n < 2_000; n++) {
            draws.add(b.nextDelayMs());
        }
        assertThat(draws).anyMatch(d -> d < 100).anyMatch(d -> d > 900);
        assertThat(draws.stream().mapToLong(Long::longValue).average().orElseThrow()).isBetween(450.0, 550.0);
    }

    @Test
    void sameSeedSameDelays() {
        Backoff a = new Backoff(500, 30_000, new Random(42));
        Backoff b = new Backoff(500, 30_000, new Random(42));
        for (int n = 0; n < 10; n++) {
            assertThat(a.nextDelayMs()).isEqualTo(b.nextDelayMs());
        }
    }

    @Test
    void rejectsBaseAboveMax() {
        assertThatThrownBy(() -> new Backoff(2_000, 1_000, new Random())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Backoff(0, 1_000, new Random())).isInstanceOf(IllegalArgumentException.class);
    }
}
