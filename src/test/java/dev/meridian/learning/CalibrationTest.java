package dev.meridian.learning;

import dev.meridian.learning.Calibration.Bucket;
import dev.meridian.learning.Calibration.Pair;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class CalibrationTest {
    private static final double EPS = 1e-12;

    /**
     * Five pairs:
     * <pre>
     *   p     y   bucket      (p − y)²   −ln-likelihood
     *   0.05  0   [0.0,0.1)   0.0025     −ln 0.95
     *   0.15  1   [0.1,0.2)   0.7225     −ln 0.15
     *   0.25  0   [0.2,0.3)   0.0625     −ln 0.75
     *   0.35  1   [0.3,0.4)   0.4225     −ln 0.35
     *   0.95  1   [0.9,1.0]   0.0025     −ln 0.95
     * </pre>
     * Brier = 1.2125 / 5 = 0.2425.
     */
    @Test
    void handComputedTableBrierAndLogLoss() {
        Calibration c = Calibration.of(List.of(new Pair(0.05, false), new Pair(0.15, true), new Pair(0.25, false),
                new Pair(0.35, true), new Pair(0.95, true)));
        System.out.println(c.table());

        assertThat(c.count()).isEqualTo(5);
        assertThat(c.buckets()).hasSize(10);
        assertThat(c.buckets()).extracting(Bucket::count).containsExactly(1L, 1L, 1L, 1L, 0L, 0L, 0L, 0L, 0L, 1L);
        assertThat(c.buckets().get(1).meanPredicted()).isEqualTo(0.15);
        assertThat(c.buckets().get(1).realisedRate()).isEqualTo(1.0);
        assertThat(c.buckets().get(2).realisedRate()).isEqualTo(0.0);
        assertThat(c.buckets().get(9).meanPredicted()).isEqualTo(0.95);
        assertThat(c.brier()).isCloseTo(0.2425, within(EPS));
        double expected = -(Math.log(0.95) + Math.log(0.15) + Math.log(0.75) + Math.log(0.35) + Math.log(0.95)) / 5;
        assertThat(c.logLoss()).isCloseTo(expected, within(EPS));
        // (0.05129 + 1.89712 + 0.28768 + 1.04982 + 0.05129) / 5 ≈ 0.66744: barely better than ln 2 ≈ 0.693
        assertThat(c.logLoss()).isCloseTo(0.66744, within(1e-5));
    }

    @Test
    void bucketPoolsItsPairs() {
        // [0.4,0.5): p 0.4, 0.42, 0.47; outcomes 1, 0, 1 → mean 1.29 / 3 = 0.43, rate 2/3
        Calibration c = Calibration.of(List.of(new Pair(0.4, true), new Pair(0.42, false), new Pair(0.47, true)));
        Bucket b = c.buckets().get(4);
        assertThat(b.lower()).isEqualTo(0.4);
        assertThat(b.upper()).isEqualTo(0.5);
        assertThat(b.count()).isEqualTo(3);
        assertThat(b.meanPredicted()).isCloseTo(0.43, within(EPS));
        assertThat(b.realisedRate()).isCloseTo(2.0 / 3, within(EPS));
    }

    @Test
    void emptyInputHasEmptyBucketsAndNaNScores() {
        Calibration c = Calibration.of(List.of());
        assertThat(c.count()).isZero();
        assertThat(c.buckets()).hasSize(10).allSatisfy(b -> {
            assertThat(b.count()).isZero();
            assertThat(b.meanPredicted()).isNaN();
            assertThat(b.realisedRate()).isNaN();
        });
        assertThat(c.brier()).isNaN();
        assertThat(c.logLoss()).isNaN();
    }

    @Test
    void bucketBoundsAreHalfOpenAndOneGoesInTheLast() {
        Calibration c = Calibration.of(List.of(new Pair(1.0, true), new Pair(0.0, false), new Pair(0.1, false),
                new Pair(0.3, false), new Pair(Math.nextDown(0.3), false), new Pair(0.9, true), new Pair(0.7, true)));
        List<Bucket> b = c.buckets();
        assertThat(b.get(0).count()).isEqualTo(1);   // 0.0
        assertThat(b.get(1).count()).isEqualTo(1);   // 0.1
        // nextDown(0.3) × 10 rounds to 3.0, yet it is below the bound 0.3 and belongs to [0.2,0.3)
        assertThat(b.get(2).count()).isEqualTo(1);
        assertThat(b.get(3).count()).isEqualTo(1);   // 0.3
        assertThat(b.get(7).count()).isEqualTo(1);   // 0.7, whose × 10 is 7.000000000000001
        assertThat(b.get(9).count()).isEqualTo(2);   // 0.9 and 1.0
        assertThat(b.get(9).upper()).isEqualTo(1.0);
        for (Bucket bucket : b) {
            if (bucket.count() > 0) assertThat(bucket.meanPredicted()).isBetween(bucket.lower(), bucket.upper());
        }
    }

    @Test
    void certainMissesAreClippedInTheLogLossOnly() {
        Calibration c = Calibration.of(List.of(new Pair(1.0, false), new Pair(0.0, true)));
        // −ln(1e-12) = 12 ln 10 ≈ 27.631 per pair, not infinity. Loose tolerance: the double nearest
        // 1 − 1e-12 is off by ~1e-16, i.e. ~1e-4 relative to the 1e-12 left over for ln(1 − p).
        assertThat(c.logLoss()).isCloseTo(-Math.log(1e-12), within(1e-4));
        assertThat(c.brier()).isEqualTo(1.0);
        Calibration perfect = Calibration.of(List.of(new Pair(1.0, true), new Pair(0.0, false)));
        assertThat(perfect.brier()).isZero();
        assertThat(perfect.logLoss()).isCloseTo(1e-12, within(1e-15));
    }

    @Test
    void refusesNonProbabilities() {
        assertThatThrownBy(() -> new Pair(Double.NaN, true)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NaN");
        assertThatThrownBy(() -> new Pair(1.0000001, true)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Pair(-0.0001, true)).isInstanceOf(IllegalArgumentException.class);
    }
}
