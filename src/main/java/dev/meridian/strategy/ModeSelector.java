package dev.meridian.strategy;

import dev.meridian.core.Mode;
import dev.meridian.core.Regime;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Chooses the mode a symbol may enter with on a bar. The dashboard's Strategy Mode, when not AUTO,
 * forces its mode; in AUTO the rule table below ranks the modes for the regime, and the first one
 * the session and the asset class both allow wins. A forced mode still has to be allowed by the
 * session and the asset class (those are rules of the policies, not preferences).
 *
 * <pre>
 *   TREND_UP   → INTRADAY_TREND, SWING, SCALP
 *   RANGE      → MEAN_REVERSION, SCALP
 *   VOLATILE   → SWING                      (breakouts are what volatility expansions give)
 *   TREND_DOWN → none for long-only classes (SPOT); for shortable ones (PERP, FOREX) the
 *                TREND_UP list, whose setups then fire on the mirrored market (shorts)
 * </pre>
 * The learned selector (#7) replaces the table; it will choose among the same allowed modes.
 */
public final class ModeSelector {
    /** The chosen mode, or none with the reason. */
    public record Choice(Optional<Mode> mode, String why) {
        static Choice none(String why) { return new Choice(Optional.empty(), why); }
    }

    private static final Map<Regime, List<Mode>> RULES = new EnumMap<>(Map.of(
            Regime.TREND_UP, List.of(Mode.INTRADAY_TREND, Mode.SWING, Mode.SCALP),
            Regime.RANGE, List.of(Mode.MEAN_REVERSION, Mode.SCALP),
            Regime.VOLATILE, List.of(Mode.SWING),
            Regime.TREND_DOWN, List.of()));

    private ModeSelector() {
    }

    /** The modes ranked for {@code regime}, best first. */
    public static List<Mode> ranked(Regime regime) { return RULES.get(regime); }

    /**
     * @param allowed the modes the session and the asset class both allow
     * @param forced  the dashboard's Strategy Mode; empty = AUTO
     */
    public static Choice choose(Regime regime, Set<Mode> allowed, Optional<Mode> forced) {
        return choose(regime, allowed, forced, false);
    }

    /** {@link #choose(Regime, Set, Optional)} for a class that may or may not go short. */
    public static Choice choose(Regime regime, Set<Mode> allowed, Optional<Mode> forced, boolean shortable) {
        if (forced.isPresent()) {
            Mode m = forced.get();
            return allowed.contains(m) ? new Choice(forced, "forced by Strategy Mode")
                    : Choice.none("Strategy Mode " + m + " is not allowed here");
        }
        List<Mode> ranked = shortable && regime == Regime.TREND_DOWN ? RULES.get(Regime.TREND_UP) : RULES.get(regime);
        for (Mode m : ranked) {
            if (allowed.contains(m)) return new Choice(Optional.of(m), "rule table: " + regime);
        }
        return Choice.none(ranked.isEmpty() ? "no long mode for " + regime : "no mode for " + regime + " allowed here");
    }
}
