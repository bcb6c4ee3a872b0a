package dev.meridian.learning;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * How well predicted probabilities match what happened: a reliability table of ten equal-width
 * buckets plus two proper scoring rules.
 *
 * <p>Definitions, over the n pairs (p, y) with y = 1 for a positive outcome:
 * <ul>
 *   <li><b>buckets</b>: always ten, [0, 0.1), [0.1, 0.2), …, [0.8, 0.9), [0.9, 1.0] — the last is
 *       closed so that p = 1.0 has a home. A pair falls in bucket k when
 *       {@code lower(k) <= p < upper(k)} with the bounds as the doubles {@code k / 10.0}, exactly as
 *       reported by {@link Bucket}. Per bucket: the count, the mean predicted p and the realised rate
 *       (mean y); both means are NaN for an empty bucket.</li>
 *   <li><b>brier</b> = mean (p − y)², on the unclipped p.</li>
 *   <li><b>logLoss</b> = −mean (y·ln p + (1 − y)·ln(1 − p)), natural log, with p first clipped to
 *       [1e-12, 1 − 1e-12] so that one confident miss costs about 27.6 rather than infinity.</li>
 * </ul>
 * Both scores are NaN for an empty input. Immutable; the result does not depend on the order of the pairs
 * beyond floating-point summation order.
 */
public final class Calibration {
    /** Probabilities are clipped to [LOG_LOSS_CLIP, 1 − LOG_LOSS_CLIP] before taking logarithms. */
    public static final double LOG_LOSS_CLIP = 1e-12;
    /** Number of buckets in {@link #buckets()}. */
    public static final int BUCKETS = 10;

    /**
     * One prediction and what happened.
     *
     * @param predicted the predicted probability of a positive outcome, finite and in [0, 1]
     * @param positive  whether the outcome was positive
     */
    public record Pair(double predicted, boolean positive) {
        public Pair {
            if (!(predicted >= 0 && predicted <= 1)) {
                throw new IllegalArgumentException("predicted must be a probability in [0,1], got " + predicted);
            }
        }
    }

    /**
     * One row of the reliability table. Invariants: {@code count >= 0}; {@code meanPredicted} and
     * {@code realisedRate} are NaN exactly when {@code count == 0}, else in [0, 1].
     *
     * @param lower         inclusive lower bound
     * @param upper         exclusive upper bound, except for the last bucket whose upper bound 1.0 is inclusive
     * @param count         pairs in the bucket
     * @param meanPredicted mean predicted probability of those pairs
     * @param realisedRate  fraction of those pairs with a positive outcome
     */
    public record Bucket(double lower, double upper, long count, double meanPredicted, double realisedRate) {
        public Bucket {
            if (count < 0) throw new IllegalArgumentException("count must be >= 0, got " + count);
            if ((count == 0) != Double.isNaN(meanPredicted) || (count == 0) != Double.isNaN(realisedRate)) {
                throw new IllegalArgumentException("means are NaN exactly when the bucket is empty, got count " + count
                        + ", meanPredicted " + meanPredicted + ", realisedRate " + realisedRate);
            }
        }
    }

    private final List<Bucket> buckets;
    private final long count;
    private final double brier;
    private final double logLoss;

    private Calibration(List<Bucket> buckets, long count, double brier, double logLoss) {
        this.buckets = buckets;
        this.count = count;
        this.brier = brier;
        this.logLoss = logLoss;
    }

    /** The table and scores of {@code pairs} (which may be empty, never null nor hold null). */
    public static Calibration of(List<Pair> pairs) {
        Objects.requireNonNull(pairs, "pairs");
        long[] n = new long[BUCKETS];
        double[] predictedSum = new double[BUCKETS];
        long[] positives = new long[BUCKETS];
        double squaredError = 0;
        double logLikelihood = 0;
        for (Pair pair : pairs) {
            Objects.requireNonNull(pair, "pair");
            double p = pair.predicted();
            int y = pair.positive() ? 1 : 0;
            int k = bucketOf(p);
            n[k]++;
            predictedSum[k] += p;
            positives[k] += y;
            squaredError += (p - y) * (p - y);
            double clipped = Math.max(LOG_LOSS_CLIP, Math.min(1 - LOG_LOSS_CLIP, p));
            logLikelihood += pair.positive() ? Math.log(clipped) : Math.log1p(-clipped);
        }
        List<Bucket> rows = new ArrayList<>(BUCKETS);
        for (int k = 0; k < BUCKETS; k++) {
            double mean = n[k] == 0 ? Double.NaN : predictedSum[k] / n[k];
            double rate = n[k] == 0 ? Double.NaN : (double) positives[k] / n[k];
            rows.add(new Bucket(lower(k), lower(k + 1), n[k], mean, rate));
        }
        int total = pairs.size();
        double brier = total == 0 ? Double.NaN : squaredError / total;
        double logLoss = total == 0 ? Double.NaN : -logLikelihood / total;
        return new Calibration(List.copyOf(rows), total, brier, logLoss);
    }

    /** The ten buckets in ascending order; unmodifiable. */
    public List<Bucket> buckets() { return buckets; }

    /** Number of pairs. */
    public long count() { return count; }

    /** Mean squared error of the probabilities; NaN when empty. 0 is perfect, 0.25 is what p = 0.5 always scores. */
    public double brier() { return brier; }

    /** Mean negative log-likelihood, natural log, clipped; NaN when empty. ln 2 ≈ 0.693 is what p = 0.5 always scores. */
    public double logLoss() { return logLoss; }

    /** A fixed-width text rendering of the table and scores, for logs and reports. */
    public String table() {
        StringBuilder s = new StringBuilder("bucket        count  meanPred  realised\n");
        for (Bucket b : buckets) {
            s.append(String.format(Locale.ROOT, "[%.1f, %.1f%s %7d  %8.4f  %8.4f%n", b.lower(), b.upper(),
                    b.upper() == 1.0 ? "]" : ")", b.count(), b.meanPredicted(), b.realisedRate()));
        }
        s.append(String.format(Locale.ROOT, "n=%d brier=%.6f logLoss=%.6f", count, brier, logLoss));
        return s.toString();
    }

    private static double lower(int k) { return k / 10.0; }

    // floor(p × 10) can land one bucket off near a bound (p × 10 rounds), so the guess is corrected
    // against the same k / 10.0 bounds the buckets report: membership and labels never disagree.
    private static int bucketOf(double p) {
        int k = Math.min(BUCKETS - 1, (int) Math.floor(p * BUCKETS));
        if (p < lower(k)) k--;
        else if (k < BUCKETS - 1 && p >= lower(k + 1)) k++;
        return k;
    }
}
