package dev.meridian.regime;

import dev.meridian.core.Bar;
import dev.meridian.core.Regime;

/**
 * A closed bar with the regime reading it produced: the strategy decides on both at once.
 * {@code regime}, {@code confidence} and {@code warm} are those of {@link RegimeDetector.Reading};
 * {@code measures} are the numbers behind them (never null; NaN while a measure warms up).
 */
public record RegimeBar(String source, Bar bar, Regime regime, double confidence, boolean warm,
                        RegimeDetector.Measures measures) {
}
