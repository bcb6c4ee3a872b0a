package dev.meridian.strategy;

import dev.meridian.core.AssetClass;
import dev.meridian.core.Mode;
import dev.meridian.core.Regime;
import dev.meridian.core.SessionLabel;

import java.math.BigDecimal;
import java.util.Optional;
import java.util.Set;

/**
 * Chooses, for a flat symbol in AUTO (no Strategy Mode forced), which mode enters on a bar. It sees
 * the modes the session policy and the asset class allow and, among them, the modes whose setup
 * fires on this bar; it may only pick from the firing ones, and it may pick none. The risk engine
 * still gates whatever it picks (funds switches, KPI gates, rails): a chooser decides preference,
 * never permission.
 *
 * <p>One chooser serves every symbol of a strategy verticle (or one backtest pass), so what it
 * learns from one symbol's trades informs the others of the same asset class. Implementations are
 * deterministic for a given construction (seed) and call sequence, and not thread-safe.
 */
public interface ModeChooser {
    /**
     * The outcome: the mode in charge (shown in status, may be present without an entry, e.g. the
     * rule table's mode whose setup did not fire), whether to enter with it, and why.
     */
    record Pick(Optional<Mode> mode, boolean enter, String why) {
        public Pick {
            if (enter && mode.isEmpty()) throw new IllegalArgumentException("an entry needs a mode");
        }

        public static Pick none(String why) { return new Pick(Optional.empty(), false, why); }

        public static Pick enter(Mode mode, String why) { return new Pick(Optional.of(mode), true, why); }
    }

    /**
     * @param allowed the modes the session and the asset class allow (enum order)
     * @param firing  the subset of {@code allowed} whose entry setup fires on this bar
     * @param drawKey identifies the decision (symbol and bar): a randomised chooser draws from it, so
     *                the same bar with the same learned state is decided the same way after a restart
     */
    Pick pick(AssetClass assetClass, Regime regime, SessionLabel session, Set<Mode> allowed, Set<Mode> firing, long drawKey);

    /**
     * Learns from a closed trade opened in ({@code regime}, {@code session}) with {@code mode}, by
     * its net return in percent of its size (after fees and slippage). Forced-mode trades count as
     * evidence too. Choosers that do not learn ignore it.
     */
    void learn(AssetClass assetClass, Regime regime, SessionLabel session, Mode mode, BigDecimal netReturnPct);

    /** The documented rule table of {@link ModeSelector}: learns nothing. */
    static ModeChooser ruleTable() {
        return new ModeChooser() {
            @Override
            public Pick pick(AssetClass assetClass, Regime regime, SessionLabel session, Set<Mode> allowed, Set<Mode> firing,
                             long drawKey) {
                ModeSelector.Choice c = ModeSelector.choose(regime, allowed, Optional.empty(), assetClass.shortable());
                if (c.mode().isEmpty()) return Pick.none(c.why());
                Mode m = c.mode().get();
                return firing.contains(m) ? Pick.enter(m, c.why()) : new Pick(c.mode(), false, "no " + m + " setup");
            }

            @Override
            public void learn(AssetClass assetClass, Regime regime, SessionLabel session, Mode mode, BigDecimal netReturnPct) {
            }

            @Override
            public String toString() { return "rule table"; }
        };
    }
}
