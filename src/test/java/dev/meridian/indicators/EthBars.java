package dev.meridian.indicators;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;
import org.ta4j.core.BarSeries;
import org.ta4j.core.Indicator;
import org.ta4j.core.BaseBarSeriesBuilder;
import org.ta4j.core.num.DecimalNum;
import org.ta4j.core.num.Num;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real ETH/USD 5-minute bars (13–15 Mar 2023, 580 bars) from the ta4j-examples jar, as
 * primitive arrays for our indicators and as a ta4j series for the reference values. The reference
 * series uses DecimalNum (32 significant digits) so that disagreements are ours, not ta4j's
 * double rounding. Also the three checks every indicator test makes: agreement with ta4j, warm-up,
 * and no look-ahead. Public so the regime detector's tests can run on the same real bars.
 */
public final class EthBars {
    static final String RESOURCE = "ETH-USD-PT5M-2023-3-13_2023-3-15.json";

    public record Bar(long endTime, double open, double high, double low, double close, double volume) {}

    public static final List<Bar> BARS = load();

    private EthBars() {}

    private static List<Bar> load() {
        try (InputStream in = EthBars.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) throw new IllegalStateException(RESOURCE + " not on the test classpath");
            List<Bar> bars = new ArrayList<>();
            for (JsonNode n : new ObjectMapper().readTree(in).get("ohlc")) {
                bars.add(new Bar(n.get("endTime").asLong(), n.get("openPrice").asDouble(), n.get("highPrice").asDouble(),
                        n.get("lowPrice").asDouble(), n.get("closePrice").asDouble(), n.get("volume").asDouble()));
            }
            return List.copyOf(bars);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static BarSeries ta4jSeries() {
        BarSeries series = new BaseBarSeriesBuilder().withName("ETHUSD").withNumTypeOf(DecimalNum::valueOf).build();
        for (Bar b : BARS) {
            series.addBar(Instant.ofEpochMilli(b.endTime()).atZone(ZoneOffset.UTC), b.open(), b.high(), b.low(), b.close(), b.volume());
        }
        return series;
    }

    /** Feeds the first {@code count} bars to a fresh indicator and records {@code read} after each one. */
    static <T> double[] run(Supplier<T> make, BiConsumer<T, Bar> feed, ToDoubleFunction<T> read, int count) {
        T indicator = make.get();
        double[] out = new double[count];
        for (int i = 0; i < count; i++) {
            feed.accept(indicator, BARS.get(i));
            out[i] = read.applyAsDouble(indicator);
        }
        return out;
    }

    /** Values for all 580 bars. */
    static <T> double[] run(Supplier<T> make, BiConsumer<T, Bar> feed, ToDoubleFunction<T> read) {
        return run(make, feed, read, BARS.size());
    }

    /** From bar {@code from} on, |ours − ta4j| ≤ relTol·|ta4j| at every bar. */
    static void assertMatchesTa4j(double[] ours, Indicator<Num> reference, int from, double relTol) {
        assertThat(from).isLessThan(ours.length);
        for (int i = from; i < ours.length; i++) {
            double expected = reference.getValue(i).doubleValue();
            assertThat(Math.abs(ours[i] - expected))
                    .as("bar %d: ours %s, ta4j %s", i, ours[i], expected)
                    .isLessThanOrEqualTo(relTol * Math.abs(expected));
        }
    }

    /** NaN at bars before {@code warmupBars − 1}, finite from it on. */
    static void assertWarmup(double[] values, int warmupBars) {
        for (int i = 0; i < values.length; i++) {
            if (i < warmupBars - 1) assertThat(values[i]).as("bar %d is inside the warm-up", i).isNaN();
            else assertThat(values[i]).as("bar %d is past the warm-up", i).isFinite();
        }
    }

    /**
     * The value at bar i from a run over bars 0..i only equals (bit for bit) the value at bar i from
     * the run over all bars: appending later bars never changes an earlier value.
     */
    static <T> void assertNoLookAhead(Supplier<T> make, BiConsumer<T, Bar> feed, ToDoubleFunction<T> read) {
        double[] full = run(make, feed, read);
        for (int cut : new int[] {1, 13, 14, 19, 20, 27, 28, 100, 333, BARS.size() - 1}) {
            double[] prefix = run(make, feed, read, cut + 1);
            assertThat(Double.doubleToLongBits(prefix[cut]))
                    .as("bar %d: %s with no later bars, %s with all", cut, prefix[cut], full[cut])
                    .isEqualTo(Double.doubleToLongBits(full[cut]));
        }
    }
}
