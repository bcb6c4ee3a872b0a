package dev.meridian.learning;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.meridian.core.AssetClass;
import dev.meridian.core.Mode;
import dev.meridian.core.Regime;
import dev.meridian.core.SessionLabel;
import dev.meridian.learning.ModeBandit.ArmView;
import dev.meridian.learning.ModeBandit.Context;
import dev.meridian.learning.ModeBandit.Params;
import dev.meridian.learning.ModeBandit.Snapshot;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class ModeBanditTest {
    private static final Context CTX = new Context(AssetClass.SPOT, Regime.TREND_UP, SessionLabel.EU_US);
    private static final Context OTHER = new Context(AssetClass.SPOT, Regime.RANGE, SessionLabel.ASIA);
    private static final Set<Mode> THREE = EnumSet.of(Mode.SCALP, Mode.INTRADAY_TREND, Mode.SWING);
    private static final double NOISE_SD = 20;
    /**
     * A gap of 8 points under noise sd 20 needs long memory: the context-wide decay caps a context's
     * evidence at 1/(1 − decay) rewards, and the runner-up keeps being sampled until it has enough.
     * Over 60 seeds 0.998 (memory ≈ 500) gave ≥ 87 % convergence and ≥ 84 % re-adaptation, against
     * ~72 % for the default 0.98; the 1,000 rounds after the switch are two memories' worth.
     */
    private static final Params BENCH = new Params(0.998, 1, 50);

    /**
     * Plays {@code rounds} rounds of a Gaussian environment (means per mode, sd {@link #NOISE_SD})
     * and returns the modes chosen, in order. The environment's noise has its own seed so the
     * bandit's draws and the payoffs never share a stream.
     */
    private static List<Mode> play(ModeBandit bandit, SplittableRandom env, Map<Mode, Double> means, int rounds) {
        List<Mode> chosen = new ArrayList<>(rounds);
        for (int i = 0; i < rounds; i++) {
            Mode m = bandit.choose(CTX, THREE).orElseThrow();
            bandit.update(CTX, m, means.get(m) + NOISE_SD * env.nextGaussian());
            chosen.add(m);
        }
        return chosen;
    }

    private static double rate(List<Mode> chosen, Mode mode, int last) {
        return chosen.subList(chosen.size() - last, chosen.size()).stream().filter(mode::equals).count() / (double) last;
    }

    @Test
    void convergesToTheBestArmAndReadaptsWhenPayoffsSwitch() {
        ModeBandit bandit = new ModeBandit(BENCH, 42);
        SplittableRandom env = new SplittableRandom(7);
        List<Mode> before = play(bandit, env, Map.of(Mode.SCALP, -5.0, Mode.INTRADAY_TREND, 2.0, Mode.SWING, 10.0), 2_000);
        double converged = rate(before, Mode.SWING, 500);
        System.out.printf("ModeBandit convergence: best arm picked in %.1f%% of the last 500 of 2000 rounds%n", 100 * converged);
        assertThat(converged).isGreaterThan(0.80);

        // The best becomes the worst and the worst the best.
        List<Mode> after = play(bandit, env, Map.of(Mode.SCALP, 10.0, Mode.INTRADAY_TREND, 2.0, Mode.SWING, -5.0), 1_000);
        double readapted = rate(after, Mode.SCALP, 300);
        System.out.printf("ModeBandit re-adaptation: new best arm picked in %.1f%% of the last 300 of 1000 rounds after the switch%n",
                100 * readapted);
        assertThat(readapted).isGreaterThan(0.60);
    }

    @Test
    void convergenceHoldsAcrossSeeds() {
        // Guards against the headline test passing on one lucky seed: every seed here must converge.
        for (long seed = 1; seed <= 10; seed++) {
            ModeBandit bandit = new ModeBandit(BENCH, seed);
            SplittableRandom env = new SplittableRandom(1000 + seed);
            List<Mode> before = play(bandit, env, Map.of(Mode.SCALP, -5.0, Mode.INTRADAY_TREND, 2.0, Mode.SWING, 10.0), 2_000);
            List<Mode> after = play(bandit, env, Map.of(Mode.SCALP, 10.0, Mode.INTRADAY_TREND, 2.0, Mode.SWING, -5.0), 1_000);
            System.out.printf("ModeBandit seed %d: converged %.1f%%, re-adapted %.1f%%%n", seed,
                    100 * rate(before, Mode.SWING, 500), 100 * rate(after, Mode.SCALP, 300));
            assertThat(rate(before, Mode.SWING, 500)).as("seed %d converged", seed).isGreaterThan(0.80);
            assertThat(rate(after, Mode.SCALP, 300)).as("seed %d re-adapted", seed).isGreaterThan(0.60);
        }
    }

    @Test
    void onlyAllowedModesAreChosen() {
        ModeBandit bandit = new ModeBandit(Params.defaults(), 3);
        SplittableRandom rnd = new SplittableRandom(11);
        Mode[] all = Mode.values();
        for (int i = 0; i < 2_000; i++) {
            Set<Mode> allowed = EnumSet.noneOf(Mode.class);
            for (Mode m : all) if (rnd.nextBoolean()) allowed.add(m);
            Optional<Mode> chosen = bandit.choose(CTX, allowed);
            if (allowed.isEmpty()) {
                assertThat(chosen).isEmpty();
                assertThat(bandit.greedy(CTX, allowed)).isEmpty();
            } else {
                assertThat(allowed).contains(chosen.orElseThrow());
                assertThat(allowed).contains(bandit.greedy(CTX, allowed).orElseThrow());
                // Make some arms attractive so the learner would like to pick them when they are not allowed.
                bandit.update(CTX, all[rnd.nextInt(all.length)], rnd.nextDouble(-100, 100));
            }
        }
    }

    @Test
    void emptyAllowedRecordsNothing() {
        ModeBandit bandit = new ModeBandit(Params.defaults(), 3);
        assertThat(bandit.choose(CTX, Set.of())).isEmpty();
        assertThat(bandit.view()).isEmpty();
    }

    @Test
    void sameSeedSameChoicesDifferentSeedDiffers() {
        ModeBandit a = new ModeBandit(Params.defaults(), 99);
        ModeBandit b = new ModeBandit(Params.defaults(), 99);
        ModeBandit c = new ModeBandit(Params.defaults(), 100);
        SplittableRandom env = new SplittableRandom(5);
        boolean differs = false;
        for (int i = 0; i < 500; i++) {
            // Same allowed content, different iteration orders: the choice must not depend on it.
            Set<Mode> allowedA = EnumSet.of(Mode.SWING, Mode.SCALP, Mode.MEAN_REVERSION);
            Set<Mode> allowedB = Set.of(Mode.MEAN_REVERSION, Mode.SWING, Mode.SCALP);
            Mode ma = a.choose(CTX, allowedA).orElseThrow();
            Mode mb = b.choose(CTX, allowedB).orElseThrow();
            Mode mc = c.choose(CTX, allowedA).orElseThrow();
            assertThat(mb).as("round %d", i).isEqualTo(ma);
            differs |= mc != ma;
            double r = env.nextDouble(-100, 100);
            // The same evidence for all three, so only the draws can make c differ.
            a.update(CTX, ma, r);
            b.update(CTX, ma, r);
            c.update(CTX, ma, r);
        }
        assertThat(differs).isTrue();
        assertThat(b.view()).isEqualTo(a.view());
    }

    @Test
    void contextsAreIndependent() {
        ModeBandit bandit = new ModeBandit(Params.defaults(), 1);
        bandit.update(OTHER, Mode.SWING, 40);
        bandit.choose(OTHER, THREE);
        List<ArmView> otherBefore = bandit.view(OTHER);
        for (int i = 0; i < 200; i++) {
            Mode m = bandit.choose(CTX, THREE).orElseThrow();
            bandit.update(CTX, m, m == Mode.SCALP ? 80 : -80);
        }
        assertThat(bandit.view(OTHER)).isEqualTo(otherBefore);
        assertThat(bandit.greedy(CTX, THREE)).contains(Mode.SCALP);
        assertThat(bandit.greedy(OTHER, THREE)).contains(Mode.SWING);
    }

    @Test
    void viewShowsPriorThenEvidence() {
        Params p = new Params(0.5, 1, 50);
        ModeBandit bandit = new ModeBandit(p, 1);
        List<ArmView> fresh = bandit.view(CTX);
        assertThat(fresh).hasSize(Mode.values().length);
        assertThat(fresh).allSatisfy(v -> {
            assertThat(v.estimate()).isZero();
            assertThat(v.uncertainty()).isEqualTo(50.0);
            assertThat(v.effectiveN()).isZero();
            assertThat(v.pickRate()).isZero();
        });

        bandit.update(CTX, Mode.SWING, 30);
        bandit.update(CTX, Mode.SCALP, 10);
        // SWING decayed once: n = 0.5, Σ = 15, Σ² = 450; mean = 15 / 1.5 = 10.
        ArmView swing = bandit.view(CTX).get(Mode.SWING.ordinal());
        assertThat(swing.effectiveN()).isEqualTo(0.5);
        assertThat(swing.estimate()).isCloseTo(10, within(1e-12));
        // scatter = 450 − 15²/0.5 = 0, so s² = 2500 / 1.5 and sd = s / √1.5.
        assertThat(swing.uncertainty()).isCloseTo(Math.sqrt(2500 / 1.5) / Math.sqrt(1.5), within(1e-12));
        ArmView scalp = bandit.view(CTX).get(Mode.SCALP.ordinal());
        assertThat(scalp.effectiveN()).isEqualTo(1.0);
        assertThat(scalp.estimate()).isCloseTo(5, within(1e-12));

        Set<Mode> two = EnumSet.of(Mode.SCALP, Mode.SWING);
        for (int i = 0; i < 4; i++) bandit.choose(CTX, two);
        List<ArmView> v = bandit.view(CTX);
        assertThat(v.get(Mode.SCALP.ordinal()).pulls() + v.get(Mode.SWING.ordinal()).pulls()).isEqualTo(4);
        assertThat(v.stream().mapToDouble(ArmView::pickRate).sum()).isCloseTo(1.0, within(1e-12));
        assertThat(bandit.greedy(CTX, two)).contains(Mode.SWING);
    }

    @Test
    void greedyBreaksTiesByEnumOrder() {
        ModeBandit bandit = new ModeBandit(Params.defaults(), 1);
        assertThat(bandit.greedy(CTX, EnumSet.of(Mode.SWING, Mode.MEAN_REVERSION, Mode.INTRADAY_TREND)))
                .contains(Mode.INTRADAY_TREND);
    }

    @Test
    void snapshotSurvivesJsonRoundTrip() throws Exception {
        ModeBandit bandit = new ModeBandit(Params.defaults(), 8);
        SplittableRandom env = new SplittableRandom(9);
        List<Context> ctxs = List.of(CTX, OTHER, new Context(AssetClass.PERP, Regime.VOLATILE, SessionLabel.US));
        for (int i = 0; i < 300; i++) {
            Context ctx = ctxs.get(env.nextInt(ctxs.size()));
            Mode m = bandit.choose(ctx, THREE).orElseThrow();
            bandit.update(ctx, m, env.nextDouble(-100, 100));
        }
        ObjectMapper json = new ObjectMapper();
        String text = json.writeValueAsString(bandit.snapshot());
        Snapshot back = json.readValue(text, Snapshot.class);
        assertThat(back).isEqualTo(bandit.snapshot());

        ModeBandit restored = ModeBandit.restore(Params.defaults(), back, 8);
        assertThat(restored.view()).isEqualTo(bandit.view());
        assertThat(restored.view()).hasSize(ctxs.size() * Mode.values().length);
        for (Context ctx : ctxs) assertThat(restored.greedy(ctx, THREE)).isEqualTo(bandit.greedy(ctx, THREE));
    }

    @Test
    void invalidParamsAndRewardsAreRejected() {
        assertThatThrownBy(() -> new Params(0, 1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Params(1.01, 1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Params(Double.NaN, 1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Params(0.9, 0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Params(0.9, 1, 0)).isInstanceOf(IllegalArgumentException.class);
        new Params(1, 1, 1);
        ModeBandit bandit = new ModeBandit(Params.defaults(), 1);
        assertThatThrownBy(() -> bandit.update(CTX, Mode.SWING, Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> bandit.update(CTX, Mode.SWING, Double.POSITIVE_INFINITY)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void restoreRejectsCorruptSnapshots() {
        ModeBandit.ArmState ok = new ModeBandit.ArmState(Mode.SWING, 1, 5, 25, 1);
        ModeBandit.ContextState cs = new ModeBandit.ContextState(AssetClass.SPOT, Regime.RANGE, SessionLabel.EU, 1, 0, List.of(ok));
        assertThatThrownBy(() -> ModeBandit.restore(Params.defaults(), new Snapshot(List.of(cs, cs)), 1))
                .isInstanceOf(IllegalArgumentException.class);
        ModeBandit.ContextState dupArm = new ModeBandit.ContextState(AssetClass.SPOT, Regime.RANGE, SessionLabel.EU, 1, 0, List.of(ok, ok));
        assertThatThrownBy(() -> ModeBandit.restore(Params.defaults(), new Snapshot(List.of(dupArm)), 1))
                .isInstanceOf(IllegalArgumentException.class);
        ModeBandit.ContextState negN = new ModeBandit.ContextState(AssetClass.SPOT, Regime.RANGE, SessionLabel.EU, 1, 0,
                List.of(new ModeBandit.ArmState(Mode.SWING, -1, 5, 25, 1)));
        assertThatThrownBy(() -> ModeBandit.restore(Params.defaults(), new Snapshot(List.of(negN)), 1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void staysFlatWhereEveryModeLosesNetAndTradesWhereOneWins() {
        // Payoffs in points: in CTX every mode loses (−20 each), in OTHER SWING earns +20. Staying
        // flat is worth exactly 0, so the learner should mostly leave CTX alone and trade OTHER.
        ModeBandit bandit = new ModeBandit(Params.defaults(), 7);
        SplittableRandom env = new SplittableRandom(99);
        int tradedBad = 0;
        int tradedGood = 0;
        for (int i = 0; i < 2_000; i++) {
            Optional<Mode> bad = bandit.chooseOrStayFlat(CTX, THREE);
            if (bad.isPresent()) {
                bandit.update(CTX, bad.get(), -20 + NOISE_SD * env.nextGaussian());
                if (i >= 1_000) tradedBad++;
            }
            Optional<Mode> good = bandit.chooseOrStayFlat(OTHER, EnumSet.of(Mode.SWING));
            if (good.isPresent()) {
                bandit.update(OTHER, good.get(), 20 + NOISE_SD * env.nextGaussian());
                if (i >= 1_000) tradedGood++;
            }
        }
        assertThat(tradedBad / 1_000.0).as("trade rate where every mode loses").isLessThan(0.10);
        assertThat(tradedGood / 1_000.0).as("trade rate where the mode wins").isGreaterThan(0.90);
        // Every decision is either a pick or a flat, and the counts survive a snapshot.
        long picks = bandit.view(CTX).stream().mapToLong(ArmView::pulls).sum();
        assertThat(picks + bandit.stayedFlat(CTX)).isEqualTo(bandit.choices(CTX)).isEqualTo(2_000);
        ModeBandit back = ModeBandit.restore(Params.defaults(), bandit.snapshot(), 7);
        assertThat(back.stayedFlat(CTX)).isEqualTo(bandit.stayedFlat(CTX));
        assertThat(back.view()).isEqualTo(bandit.view());
    }

    @Test
    void aRestoredStateWithMoreFlatsThanDecisionsIsRefused() {
        ModeBandit.ContextState cs = new ModeBandit.ContextState(AssetClass.SPOT, Regime.RANGE, SessionLabel.EU, 2, 3, List.of());
        assertThatThrownBy(() -> ModeBandit.restore(Params.defaults(), new Snapshot(List.of(cs)), 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("stayed flat 3");
    }

    @Test
    void keyedDrawsDependOnlyOnTheSeedTheKeyAndTheLearnedState() {
        ModeBandit a = new ModeBandit(Params.defaults(), 3);
        ModeBandit b = new ModeBandit(Params.defaults(), 3);
        a.update(CTX, Mode.SWING, 10);
        b.update(CTX, Mode.SWING, 10);
        a.chooseOrStayFlat(CTX, THREE);   // a has drawn before; b has not
        List<Optional<Mode>> fromA = new ArrayList<>();
        List<Optional<Mode>> fromB = new ArrayList<>();
        for (long key = 0; key < 200; key++) {
            fromA.add(a.chooseOrStayFlat(CTX, THREE, key));
            fromB.add(b.chooseOrStayFlat(CTX, THREE, key));
        }
        assertThat(fromA).isEqualTo(fromB);
        assertThat(fromA.stream().distinct().count()).as("the keys spread the draws").isGreaterThan(2);
    }
}
