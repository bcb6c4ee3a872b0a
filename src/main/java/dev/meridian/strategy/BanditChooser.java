package dev.meridian.strategy;

import dev.meridian.core.AssetClass;
import dev.meridian.core.Mode;
import dev.meridian.core.Regime;
import dev.meridian.core.SessionLabel;
import dev.meridian.learning.ModeBandit;
import dev.meridian.learning.RewardSystem;

import java.math.BigDecimal;
import java.util.Optional;
import java.util.Set;

/**
 * The learned mode selector: a {@link ModeBandit} per (asset class, regime, session), fed with
 * {@link RewardSystem} points of every closed trade's net return. On a bar where setups fire it
 * Thompson-samples the firing modes and staying flat (worth exactly 0 points), so a mode is taken
 * only while its sampled net reward is positive: modes that lose after fees in a context are
 * gradually left alone there, and re-tried as their evidence decays.
 *
 * <p>The bandit is consulted only when at least one setup fires, so its pick rates are rates per
 * opportunity, not per bar.
 */
public final class BanditChooser implements ModeChooser {
    private final ModeBandit bandit;

    public BanditChooser(ModeBandit bandit) { this.bandit = bandit; }

    public ModeBandit bandit() { return bandit; }

    @Override
    public Pick pick(AssetClass assetClass, Regime regime, SessionLabel session, Set<Mode> allowed, Set<Mode> firing, long drawKey) {
        if (firing.isEmpty()) return Pick.none("no setup among " + allowed);
        Optional<Mode> m = bandit.chooseOrStayFlat(new ModeBandit.Context(assetClass, regime, session), firing, drawKey);
        return m.map(mode -> Pick.enter(mode, "learner picked " + mode + " among " + firing))
                .orElseGet(() -> Pick.none("learner stays flat: no sampled net reward above 0 among " + firing));
    }

    @Override
    public void learn(AssetClass assetClass, Regime regime, SessionLabel session, Mode mode, BigDecimal netReturnPct) {
        bandit.update(new ModeBandit.Context(assetClass, regime, session), mode, RewardSystem.points(netReturnPct).doubleValue());
    }
}
