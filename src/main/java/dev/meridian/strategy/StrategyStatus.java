package dev.meridian.strategy;

import dev.meridian.core.AssetClass;
import dev.meridian.core.Mode;
import dev.meridian.core.Regime;
import dev.meridian.core.SessionLabel;

import java.util.Optional;

/**
 * A symbol's strategy state after a bar, published when it differs from the previous one: the
 * regime and session it decided in, the mode in charge (chosen, forced, or holding the position)
 * and a short note on why nothing or something happened.
 */
public record StrategyStatus(String symbol, AssetClass assetClass, int timeframeSec, long timeMs, Regime regime,
                             double regimeConfidence, SessionLabel session, Optional<Mode> mode, String note) {
    boolean sameAs(StrategyStatus o) {
        return o != null && regime == o.regime && session == o.session && mode.equals(o.mode) && note.equals(o.note);
    }
}
