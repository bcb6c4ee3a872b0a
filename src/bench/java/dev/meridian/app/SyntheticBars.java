package dev.meridian.app;

import java.io.BufferedWriter;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * A reproducible bar series for the backtest throughput benchmarks, written as a replay CSV
 * ({@code timestamp,open,high,low,close,volume}, epoch ms open times, one-minute bars from
 * 2024-01-01T00:00Z). Prices follow a geometric random walk that switches between four regimes
 * with a small fixed probability per bar: up-trend, down-trend, mean-reverting range, and a
 * volatile spell with three times the usual step. High and low come from four sub-steps of the
 * walk inside the bar; prices have two decimals, volumes four. The same seed and length give the
 * same file, byte for byte.
 */
final class SyntheticBars {
    static final long START_MS = 1_704_067_200_000L;
    static final long SEED = 20_240_101L;
    private static final int STEPS_PER_BAR = 4;
    private static final double SIGMA = 0.0008;          // per one-minute bar, roughly BTC's
    private static final double TREND_DRIFT = 0.00012;   // per bar, while trending
    private static final double RANGE_PULL = 0.02;       // per bar, towards the range's anchor
    private static final double SWITCH_PER_BAR = 1.0 / 1500;

    private SyntheticBars() {
    }

    /** Writes {@code bars} one-minute bars to {@code file} (replaced if present). */
    static void write(Path file, int bars, long seed) throws IOException {
        SplittableRandom rnd = new SplittableRandom(seed);
        double logPrice = Math.log(40_000);
        double anchor = logPrice;
        int regime = 2;
        BigDecimal prevClose = price(logPrice);
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.US_ASCII)) {
            out.write("timestamp,open,high,low,close,volume\n");
            for (int i = 0; i < bars; i++) {
                if (rnd.nextDouble() < SWITCH_PER_BAR) {
                    regime = rnd.nextInt(4);
                    anchor = logPrice;
                }
                double hi = logPrice;
                double lo = logPrice;
                for (int s = 0; s < STEPS_PER_BAR; s++) {
                    double sigma = (regime == 3 ? 3 * SIGMA : SIGMA) / Math.sqrt(STEPS_PER_BAR);
                    double drift = switch (regime) {
                        case 0 -> TREND_DRIFT;
                        case 1 -> -TREND_DRIFT;
                        case 2 -> RANGE_PULL * (anchor - logPrice);
                        default -> 0;
                    } / STEPS_PER_BAR;
                    logPrice += drift + sigma * gaussian(rnd);
                    hi = Math.max(hi, logPrice);
                    lo = Math.min(lo, logPrice);
                }
                BigDecimal open = prevClose;
                BigDecimal close = price(logPrice);
                BigDecimal high = price(hi).max(open).max(close);
                BigDecimal low = price(lo).min(open).min(close);
                double volume = 5 * Math.exp(0.8 * gaussian(rnd) + (regime == 3 ? 1 : 0));
                out.write(Long.toString(START_MS + i * 60_000L));
                out.write(',');
                out.write(open.toPlainString());
                out.write(',');
                out.write(high.toPlainString());
                out.write(',');
                out.write(low.toPlainString());
                out.write(',');
                out.write(close.toPlainString());
                out.write(',');
                out.write(BigDecimal.valueOf(volume).setScale(4, RoundingMode.HALF_EVEN).toPlainString());
                out.write('\n');
                prevClose = close;
            }
        }
    }

    /**
     * {@code bars} one-minute bars that never move (OHLC 40000, volume 1), same times as
     * {@link #write}. With no range the ATR stays 0, so the strategy never becomes ready and never
     * trades: a replay of it costs the bus round trips and nothing else (no bookings to commit).
     */
    static void writeFlat(Path file, int bars) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.US_ASCII)) {
            out.write("timestamp,open,high,low,close,volume\n");
            for (int i = 0; i < bars; i++) {
                out.write(Long.toString(START_MS + i * 60_000L));
                out.write(",40000,40000,40000,40000,1\n");
            }
        }
    }

    private static BigDecimal price(double logPrice) {
        return BigDecimal.valueOf(Math.exp(logPrice)).setScale(2, RoundingMode.HALF_EVEN);
    }

    /** Box-Muller; one of the pair is dropped, which keeps the stream simple and reproducible. */
    private static double gaussian(SplittableRandom rnd) {
        double u = 1 - rnd.nextDouble();
        double v = rnd.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }
}
