package dev.meridian.learning;

import dev.meridian.core.AssetClass;
import dev.meridian.learning.KpiSample.Source;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class KpiCalculatorTest {
    private static final long DAY = 86_400_000L;
    private static final long HOUR = 3_600_000L;
    /** Monday 2026-01-05 00:00 UTC: day 0 of every record below. */
    private static final long D0 = Instant.parse("2026-01-05T00:00:00Z").toEpochMilli();
    private static final double EPS = 1e-12;

    private static long at(int day, int hour) { return D0 + day * DAY + hour * HOUR; }

    private static KpiSample trade(long entry, long exit, String pnl, String size, String equityBefore, Source source) {
        return new KpiSample(entry, exit, new BigDecimal(pnl), new BigDecimal(size), new BigDecimal(equityBefore), source);
    }

    /**
     * Four trades over days 0..3, equity starting at 1000:
     * <pre>
     *  A  day 0 09→10h  +30    size 300    equity 1000     return +0.10   PAPER
     *  B  day 0 14→15h  −10    size 200    equity 1030     return −0.05   PAPER
     *     (day 1: no exit)
     *  C  day 1 20h → day 2 12h  −51  size 510  equity 1020  return −0.10   LIVE   (bucketed by exit: day 2)
     *  D  day 3 09→11h  +48.45 size 484.5  equity 969      return +0.10   BACKTEST
     * </pre>
     * Daily returns (Σ pnl / equity before the day's first exit):
     * day 0 (30 − 10) / 1000 = 0.02 (base 1000 from A, not 1030 from B); day 1 = 0;
     * day 2 −51 / 1020 = −0.05; day 3 48.45 / 969 = 0.05.
     */
    private static List<KpiSample> fourDays() {
        return List.of(
                trade(at(0, 9), at(0, 10), "30", "300", "1000", Source.PAPER),
                trade(at(0, 14), at(0, 15), "-10", "200", "1030", Source.PAPER),
                trade(at(1, 20), at(2, 12), "-51", "510", "1020", Source.LIVE),
                trade(at(3, 9), at(3, 11), "48.45", "484.5", "969", Source.BACKTEST));
    }

    @Test
    void handComputedRecordOverFourDaysWithAnEmptyDay() {
        KpiReport r = KpiCalculator.compute(fourDays(), 365);

        assertThat(r.trades()).isEqualTo(4);
        // Days 0, 1, 2, 3: day 1 has no exit and still counts, as a return of 0.
        assertThat(r.days()).isEqualTo(4);
        // (0.10 − 0.05 − 0.10 + 0.10) / 4 = 0.0125
        assertThat(r.expectancy()).isCloseTo(0.0125, within(EPS));
        // A and D won: 2 / 4
        assertThat(r.winRate()).isEqualTo(0.5);
        // (30 + 48.45) / |−10 − 51| = 78.45 / 61
        assertThat(r.profitFactor()).isCloseTo(78.45 / 61, within(EPS));
        // daily [0.02, 0, −0.05, 0.05]: mean = 0.02 / 4 = 0.005
        // deviations 0.015, −0.005, −0.055, 0.045; squares 0.000225 + 0.000025 + 0.003025 + 0.002025 = 0.0053
        // sample sd = √(0.0053 / 3) ≈ 0.042032; Sharpe = 0.005 / 0.042032 × √365 ≈ 2.2727
        assertThat(r.sharpe()).isCloseTo(0.005 / Math.sqrt(0.0053 / 3) * Math.sqrt(365), within(1e-9));
        assertThat(r.sharpe()).isCloseTo(2.2727, within(1e-4));
        // downside: only day 2; √((−0.05)² / 4) = √0.000625 = 0.025; Sortino = 0.005 / 0.025 × √365 = 0.2 × √365 ≈ 3.8210
        assertThat(r.sortino()).isCloseTo(0.2 * Math.sqrt(365), within(1e-9));
        // equity path 1000 → 1030 (peak) → 1020 → 969 → 1017.45; deepest (1030 − 969) / 1030 = 61 / 1030 ≈ 0.05922
        assertThat(r.maxDrawdown()).isCloseTo(61.0 / 1030, within(EPS));
        // 0.005 × 365 = 1.825, arithmetic
        assertThat(r.annualisedReturn()).isCloseTo(1.825, within(EPS));
        // 1.825 / (61 / 1030) = 1.825 × 1030 / 61 ≈ 30.816
        assertThat(r.calmar()).isCloseTo(1.825 * 1030 / 61, within(1e-9));
        assertThat(r.evidence()).containsEntry(Source.PAPER, 2).containsEntry(Source.LIVE, 1).containsEntry(Source.BACKTEST, 1);
    }

    @Test
    void forexAnnualisesOver260DaysAndCryptoOver365() {
        assertThat(KpiCalculator.periodsPerYear(AssetClass.FOREX)).isEqualTo(260);
        assertThat(KpiCalculator.periodsPerYear(AssetClass.SPOT)).isEqualTo(365);
        assertThat(KpiCalculator.periodsPerYear(AssetClass.PERP)).isEqualTo(365);
        assertThat(KpiCalculator.periodsPerYear(AssetClass.OPTIONS)).isEqualTo(365);

        KpiReport r = KpiCalculator.compute(fourDays(), KpiCalculator.periodsPerYear(AssetClass.FOREX));
        // Same daily returns as above, only the annualisation changes: 0.005 × 260 = 1.3
        assertThat(r.annualisedReturn()).isCloseTo(1.3, within(EPS));
        assertThat(r.sharpe()).isCloseTo(0.005 / Math.sqrt(0.0053 / 3) * Math.sqrt(260), within(1e-9));
        assertThat(r.sortino()).isCloseTo(0.2 * Math.sqrt(260), within(1e-9));
        assertThat(r.calmar()).isCloseTo(1.3 * 1030 / 61, within(1e-9));
        // Per-trade figures do not depend on the year
        assertThat(r.expectancy()).isCloseTo(0.0125, within(EPS));
        assertThat(r.maxDrawdown()).isCloseTo(61.0 / 1030, within(EPS));
    }

    @Test
    void equalPositiveDaysHaveInfiniteSharpe() {
        // +1 % of the day's starting equity every day: 10 / 1000 = 10.1 / 1010 = 10.201 / 1020.1 = 0.01
        List<KpiSample> steady = List.of(
                trade(at(0, 1), at(0, 2), "10", "100", "1000", Source.PAPER),
                trade(at(1, 1), at(1, 2), "10.1", "101", "1010", Source.PAPER),
                trade(at(2, 1), at(2, 2), "10.201", "102.01", "1020.1", Source.PAPER));
        KpiReport r = KpiCalculator.compute(steady, 365);
        assertThat(r.days()).isEqualTo(3);
        // sd of [0.01, 0.01, 0.01] is 0 and the mean is positive
        assertThat(r.sharpe()).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(r.annualisedReturn()).isCloseTo(3.65, within(EPS));
    }

    @Test
    void aRecordWithoutLossesHasInfiniteSortinoProfitFactorAndCalmar() {
        // daily [0.01, 0, 0.02]: mean 0.01, deviations 0, −0.01, 0.01, sample sd = √(0.0002 / 2) = 0.01
        List<KpiSample> noLoss = List.of(
                trade(at(0, 1), at(0, 2), "10", "100", "1000", Source.PAPER),
                trade(at(2, 1), at(2, 2), "20.2", "202", "1010", Source.PAPER));
        KpiReport r = KpiCalculator.compute(noLoss, 365);
        assertThat(r.days()).isEqualTo(3);
        assertThat(r.sharpe()).isCloseTo(1.0 * Math.sqrt(365), within(1e-9));
        assertThat(r.sortino()).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(r.profitFactor()).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(r.maxDrawdown()).isZero();
        assertThat(r.calmar()).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(r.winRate()).isEqualTo(1.0);
        // (0.10 + 0.10) / 2
        assertThat(r.expectancy()).isCloseTo(0.10, within(EPS));
    }

    @Test
    void aSingleLosingDayHasMinusInfiniteSharpeAndAFiniteSortino() {
        KpiReport r = KpiCalculator.compute(List.of(trade(at(0, 1), at(0, 2), "-10", "100", "1000", Source.LIVE)), 365);
        assertThat(r.days()).isEqualTo(1);
        // one day: no sample deviation, so the sign of the mean decides
        assertThat(r.sharpe()).isEqualTo(Double.NEGATIVE_INFINITY);
        // −0.01 / √(0.0001 / 1) × √365 = −√365
        assertThat(r.sortino()).isCloseTo(-Math.sqrt(365), within(1e-9));
        // 1000 → 990: 10 / 1000
        assertThat(r.maxDrawdown()).isCloseTo(0.01, within(EPS));
        // −0.01 × 365 / 0.01 = −365
        assertThat(r.calmar()).isCloseTo(-365, within(1e-9));
        assertThat(r.profitFactor()).isZero();
        assertThat(r.winRate()).isZero();
    }

    @Test
    void anAllZeroRecordHasZeroRatiosAndAnUndefinedProfitFactor() {
        List<KpiSample> flat = List.of(
                trade(at(0, 1), at(0, 2), "0", "100", "1000", Source.PAPER),
                trade(at(1, 1), at(1, 2), "0.00", "100", "1000", Source.PAPER));
        KpiReport r = KpiCalculator.compute(flat, 365);
        assertThat(r.trades()).isEqualTo(2);
        assertThat(r.days()).isEqualTo(2);
        assertThat(r.expectancy()).isZero();
        assertThat(r.winRate()).isZero();
        assertThat(r.profitFactor()).isNaN();
        assertThat(r.sharpe()).isZero();
        assertThat(r.sortino()).isZero();
        assertThat(r.maxDrawdown()).isZero();
        assertThat(r.annualisedReturn()).isZero();
        assertThat(r.calmar()).isZero();
    }

    @Test
    void anEmptyRecordHasNoTradesAndNaNRatios() {
        KpiReport r = KpiCalculator.compute(List.of(), 365);
        assertThat(r).isEqualTo(KpiReport.empty());
        assertThat(r.trades()).isZero();
        assertThat(r.days()).isZero();
        for (double v : new double[] {r.sharpe(), r.sortino(), r.calmar(), r.maxDrawdown(), r.expectancy(),
                r.winRate(), r.profitFactor(), r.annualisedReturn()}) {
            assertThat(v).isNaN();
        }
        assertThat(r.evidence()).containsOnlyKeys(Source.values()).allSatisfy((s, n) -> assertThat(n).isZero());
    }

    @Test
    void theOrderOfTheSamplesDoesNotMatter() {
        List<KpiSample> record = new ArrayList<>(fourDays());
        // Two trades with the same entry and exit times but different equity: which comes first
        // decides day 4's base and must not depend on the input order.
        record.add(trade(at(4, 1), at(4, 2), "5", "50", "1017.45", Source.PAPER));
        record.add(trade(at(4, 1), at(4, 2), "-3", "60", "1022.45", Source.LIVE));
        KpiReport expected = KpiCalculator.compute(record, 365);
        Random random = new Random(42);
        for (int i = 0; i < 20; i++) {
            List<KpiSample> shuffled = new ArrayList<>(record);
            Collections.shuffle(shuffled, random);
            assertThat(KpiCalculator.compute(shuffled, 365)).isEqualTo(expected);
        }
        // Alone, the tied pair is one day whose base is the smaller equity (first by the tie-break):
        // (5 − 3) / 1017.45 × 365, in either input order
        List<KpiSample> tied = record.subList(4, 6);
        double annualised = 2 / 1017.45 * 365;
        assertThat(KpiCalculator.compute(tied, 365).annualisedReturn()).isCloseTo(annualised, within(1e-9));
        assertThat(KpiCalculator.compute(List.of(tied.get(1), tied.get(0)), 365).annualisedReturn()).isCloseTo(annualised, within(1e-9));
        assertThat(expected.days()).isEqualTo(5);
    }

    @Test
    void theWindowKeepsTradesThatExitedWithinTheLastDays() {
        long now = at(10, 0);
        KpiSample old = trade(at(4, 0), at(5, 0), "1", "10", "1000", Source.PAPER);
        KpiSample onCutoff = trade(at(7, 0), now - 3 * DAY, "1", "10", "1000", Source.PAPER);
        KpiSample justInside = trade(at(7, 0), now - 3 * DAY + 1, "1", "10", "1000", Source.LIVE);
        KpiSample recent = trade(at(9, 0), now, "1", "10", "1000", Source.BACKTEST);
        List<KpiSample> all = List.of(recent, old, justInside, onCutoff);

        // exit > now − 3 × 86 400 000: the trade exactly on the cutoff is out
        assertThat(KpiCalculator.window(all, now, 3)).containsExactly(recent, justInside);
        assertThat(KpiCalculator.window(all, now, 90)).containsExactly(recent, old, justInside, onCutoff);
        assertThatThrownBy(() -> KpiCalculator.window(all, now, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aSampleNeedsAPositiveSizeAndEquity() {
        assertThatThrownBy(() -> trade(0, 1, "1", "0", "1000", Source.PAPER))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("sizeUsd must be > 0, got 0");
        assertThatThrownBy(() -> trade(0, 1, "1", "10", "-5", Source.PAPER))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("equityBefore must be > 0, got -5");
        assertThatThrownBy(() -> trade(2, 1, "1", "10", "1000", Source.PAPER))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("exitTimeMs 1 is before entryTimeMs 2");
        assertThat(trade(0, 1, "-2.5", "50", "1000", Source.PAPER).netReturn()).isEqualTo(-0.05);
    }

    @Test
    void periodsPerYearMustBePositive() {
        assertThatThrownBy(() -> KpiCalculator.compute(fourDays(), 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
