package dev.meridian.regime;

import dev.meridian.core.Bar;
import dev.meridian.core.Regime;

/** A closed bar with the regime reading it produced: the strategy decides on both at once. */
public record RegimeBar(String source, Bar bar, Regime regime, double confidence, boolean warm) {
}
