package dev.meridian.strategy;

import dev.meridian.core.Mode;
import dev.meridian.core.Regime;

import java.util.Optional;
import java.util.Set;

/**
 * One trading mode's rules on top of the shared features ({@link FeatureView}): when to enter long
 * and the mode's own reason to get out. The short twin of every rule is the same rule read on the
 * mirrored market ({@link FeatureView#mirrored()}), so rules compare prices and scale price
 * differences by ATR or σ only, never by a price level. Stops, take-profits and time stops are common geometry ({@link StrategyParams.Exits}) and
 * are applied by {@link SymbolTrader}. Implementations are stateless and read only ready features.
 */
public interface ModeStrategy {
    /** What an entry looks like: its two score components in [0,1] and a reason for the record. */
    record Setup(double strength, double confirmation, String reason) {
        public Setup {
            strength = clamp01(strength);
            confirmation = clamp01(confirmation);
        }
    }

    Mode mode();

    /** The regimes this mode is built for; the regime's confidence counts toward the score only there. */
    Set<Regime> homeRegimes();

    Optional<Setup> entry(FeatureView f);

    /** The mode's own exit (its premise is gone), checked after stop and take-profit. */
    Optional<String> exitSignal(FeatureView f);

    static double clamp01(double x) { return Double.isNaN(x) ? 0 : Math.max(0, Math.min(1, x)); }
}
