package dev.meridian.strategy;

import dev.meridian.core.AssetClass;
import dev.meridian.core.Mode;
import dev.meridian.core.Regime;
import dev.meridian.core.SessionLabel;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.Set;

/**
 * The baseline a learner has to beat: whenever a setup fires, enter with one of the firing modes
 * chosen uniformly at random (seeded, so a run is reproducible). It sees exactly the opportunities
 * the learner sees and learns nothing.
 */
public final class RandomChooser implements ModeChooser {
    private final SplittableRandom random;

    public RandomChooser(long seed) { this.random = new SplittableRandom(seed); }

    @Override
    public Pick pick(AssetClass assetClass, Regime regime, SessionLabel session, Set<Mode> allowed, Set<Mode> firing, long drawKey) {
        if (firing.isEmpty()) return Pick.none("no setup among " + allowed);
        // Enum order, not the set's iteration order, so the draw maps to the same mode every run.
        List<Mode> modes = new ArrayList<>();
        for (Mode m : Mode.values()) if (firing.contains(m)) modes.add(m);
        return Pick.enter(modes.get(random.nextInt(modes.size())), "random among " + modes);
    }

    @Override
    public void learn(AssetClass assetClass, Regime regime, SessionLabel session, Mode mode, BigDecimal netReturnPct) {
    }
}
