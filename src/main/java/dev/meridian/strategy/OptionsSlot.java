package dev.meridian.strategy;

import dev.meridian.core.Mode;
import dev.meridian.core.Regime;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * OPTIONS: the mode's slot in selection and gating. Option packages (spreads, protective puts,
 * condors) need an option chain and arrive with the options issue (#9); until then the slot is
 * selectable but never enters, so choosing it is visible and harmless.
 */
public final class OptionsSlot implements ModeStrategy {
    @Override public Mode mode() { return Mode.OPTIONS; }

    @Override public Set<Regime> homeRegimes() { return EnumSet.allOf(Regime.class); }

    @Override public Optional<Setup> entry(FeatureView f) { return Optional.empty(); }

    @Override public Optional<String> exitSignal(FeatureView f) { return Optional.empty(); }
}
