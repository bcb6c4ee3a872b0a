package dev.meridian.learning;

import dev.meridian.core.AssetClass;
import dev.meridian.core.Mode;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class KpiBookTest {
    private static final long DAY = 86_400_000L;

    @Test
    void aReusedReportIsAlwaysTheReportOfTheWindowsSamples() {
        // The book reuses a report while its window admits the same samples; checked against the
        // plain computation over every sample ever added, at times moving forward and back (the book drops samples older than the window at its newest exit, so it is never asked about earlier times).
        KpiBook book = new KpiBook(10);
        List<KpiSample> all = new ArrayList<>();
        SplittableRandom r = new SplittableRandom(4);
        long t = 0;
        int reused = 0;
        KpiReport previous = null;
        for (int i = 0; i < 400; i++) {
            t += r.nextLong(DAY / 2);
            KpiSample s = new KpiSample(t - DAY / 10, t, BigDecimal.valueOf(r.nextInt(-50, 51), 2), BigDecimal.TEN,
                    new BigDecimal("10000"), KpiSample.Source.PAPER);
            if (r.nextInt(3) == 0) {
                book.add(AssetClass.SPOT, Mode.SWING, s);
                all.add(s);
            }
            for (long now : new long[]{t + r.nextLong(3 * DAY), t}) {   // forward, then back (never before the newest exit)
                KpiReport got = book.report(AssetClass.SPOT, Mode.SWING, now);
                KpiReport expected = KpiCalculator.compute(KpiCalculator.window(all, now, 10), KpiCalculator.periodsPerYear(AssetClass.SPOT));
                assertThat(got).as("at %d", now).isEqualTo(expected);
                if (got == previous) reused++;
                previous = got;
            }
        }
        assertThat(reused).as("the cache is used").isGreaterThan(100);
        assertThat(book.report(AssetClass.SPOT, Mode.SCALP, t)).isEqualTo(KpiReport.empty());
    }
}
