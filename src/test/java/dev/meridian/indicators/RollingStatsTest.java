package dev.meridian.indicators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RollingStatsTest {
    /**
     * A long live-like run (a million BTC-sized prices) must not drift: at an arbitrary point between
     * resyncs the sliding mean and variance still equal a two-pass computation over the window.
     */
    @Test
    void noDriftOverAMillionUpdates() {
        int n = 50;
        RollingStats stats = new RollingStats(n);
        double[] last = new double[n];
        SplittableRandom random = new SplittableRandom(7);
        double price = 60_000;
        int updates = 1_000_000 + 17; // not a multiple of n, so the last resync is 17 updates back
        for (int i = 0; i < updates; i++) {
            price *= Math.exp(random.nextGaussian() * 1e-3);
            stats.push(price);
            last[i % n] = price;
        }
        double mean = 0;
        for (double x : last) mean += x / n;
        double variance = 0;
        for (double x : last) variance += (x - mean) * (x - mean) / n;
        assertThat(stats.mean()).isCloseTo(mean, within(1e-12 * mean));
        assertThat(stats.variance()).isCloseTo(variance, within(1e-9 * variance));
    }
}
