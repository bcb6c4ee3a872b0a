package dev.meridian.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Locale;
import java.util.Random;

/**
 * The synthetic USD_JPY 5-minute bars of {@code src/test/resources/forex/USD_JPY.csv}: not market
 * data, a seeded random walk made to exercise forex money math end to end. Three trading weeks,
 * Monday 4 March 2024 00:00 UTC to Friday 22 March 22:00 UTC, around 150 JPY per USD. No bars from
 * Friday 22:00 UTC; they resume on Sunday at 21:00 UTC (a week that opens on US summer time), so
 * the hour Sunday 21:00–22:00 lies inside the configured forex closure (Friday 22:00 – Sunday
 * 22:00 UTC) and must open nothing.
 *
 * <p>The walk alternates stretches of 40–300 bars of trend (drift of ±0.15 σ per bar) and range (a
 * pull back to the stretch's start), σ = 0.03 % per bar (about 0.5 % a day); each bar's high and low
 * are the extremes of five sub-steps; volume is a whole number in [50, 500]. {@link java.util.Random}
 * is used because its sequence is specified, so the file is the same on every JVM;
 * {@code ForexBarsTest} holds the committed file to this generator.
 *
 * <p>{@code main} rewrites the file: run it from the repository root after changing the generator.
 */
final class ForexBars {
    static final Path FILE = Path.of("src", "test", "resources", "forex", "USD_JPY.csv");
    private static final long SEED = 20240304L;
    private static final double SIGMA = 0.0003;
    private static final int SUB_STEPS = 5;
    private static final long BAR_MS = 300_000L;

    private ForexBars() {
    }

    static String csv() {
        Random random = new Random(SEED);
        StringBuilder out = new StringBuilder("timestamp,open,high,low,close,volume\n");
        long from = Instant.parse("2024-03-04T00:00:00Z").toEpochMilli();
        long to = Instant.parse("2024-03-22T22:00:00Z").toEpochMilli();
        double close = 150.0;
        int left = 0;
        double drift = 0;
        double anchor = close;
        for (long t = from; t < to; t += BAR_MS) {
            if (closed(t)) continue;
            if (left == 0) {
                left = 40 + random.nextInt(261);
                int kind = random.nextInt(3);
                drift = kind == 0 ? 0.15 : kind == 1 ? -0.15 : 0;
                anchor = close;
            }
            left--;
            double open = close;
            double high = open;
            double low = open;
            double price = open;
            for (int i = 0; i < SUB_STEPS; i++) {
                // A range stretch pulls a fifth of the way back towards where it began, each bar.
                double pull = drift == 0 ? Math.log(anchor / price) * 0.2 / SUB_STEPS : drift * SIGMA / SUB_STEPS;
                price *= Math.exp(pull + SIGMA / Math.sqrt(SUB_STEPS) * random.nextGaussian());
                high = Math.max(high, price);
                low = Math.min(low, price);
            }
            close = round(price);
            out.append(Instant.ofEpochMilli(t)).append(',').append(fmt(open)).append(',').append(fmt(Math.max(high, close)))
                    .append(',').append(fmt(Math.min(low, close))).append(',').append(fmt(close)).append(',')
                    .append(50 + random.nextInt(451)).append('\n');
        }
        return out.toString();
    }

    /** No bars from Friday 22:00 to Sunday 21:00 UTC. */
    static boolean closed(long t) {
        ZonedDateTime z = Instant.ofEpochMilli(t).atZone(ZoneOffset.UTC);
        return switch (z.getDayOfWeek()) {
            case FRIDAY -> z.getHour() >= 22;
            case SATURDAY -> true;
            case SUNDAY -> z.getHour() < 21;
            default -> false;
        };
    }

    /** True for a Sunday bar before 22:00: inside the configured closure though the feed has prices. */
    static boolean sundayBeforeTheConfiguredOpen(long t) {
        ZonedDateTime z = Instant.ofEpochMilli(t).atZone(ZoneOffset.UTC);
        return z.getDayOfWeek() == DayOfWeek.SUNDAY && z.getHour() < 22;
    }

    private static double round(double p) { return Math.round(p * 1000) / 1000.0; }

    private static String fmt(double p) { return String.format(Locale.ROOT, "%.3f", p); }

    public static void main(String[] args) throws IOException {
        Files.createDirectories(FILE.getParent());
        Files.writeString(FILE, csv());
        System.out.println("wrote " + FILE);
    }
}
