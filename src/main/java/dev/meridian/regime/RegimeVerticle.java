package dev.meridian.regime;

import dev.meridian.bus.Addresses;
import dev.meridian.bus.Watermark;
import dev.meridian.core.Bar;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;

import java.util.HashMap;
import java.util.Map;

/**
 * Runs one {@link RegimeDetector} per symbol and timeframe over {@code md.bar}; forwards every bar
 * with its reading to the strategy (in order, watermarks included) and publishes regime changes.
 * Counts trusted readings of live (non-warm-up) bars per timeframe and regime as
 * {@code meridian_regime_bars_total} and switches as {@code meridian_regime_changes_total}, so the
 * regime mix and how often it flips can be watched.
 */
public final class RegimeVerticle extends VerticleBase {
    private final RegimeDetector.Params params;
    private final String source;
    private final MeterRegistry metrics;
    /** The bar length the policy's volatility fractions and hysteresis are stated for. */
    private final int referenceTimeframeSec;
    private final Map<String, RegimeDetector> detectors = new HashMap<>();

    public RegimeVerticle(RegimeDetector.Params params, int referenceTimeframeSec, String source, MeterRegistry metrics) {
        this.params = params;
        this.referenceTimeframeSec = referenceTimeframeSec;
        this.source = source;
        this.metrics = metrics;
    }

    @Override
    public Future<?> start() {
        vertx.eventBus().<Object>consumer(Addresses.MD_BAR, m -> {
            Object body = m.body();
            if (body instanceof Bar bar) {
                RegimeDetector d = detectors.computeIfAbsent(bar.assetClass() + ":" + bar.symbol() + "/" + bar.timeframeSec(),
                        k -> new RegimeDetector(params.forTimeframe(bar.timeframeSec(), referenceTimeframeSec)));
                RegimeDetector.Reading r = d.update(bar);
                if (r.warm() && !bar.warmup()) {
                    String tf = Integer.toString(bar.timeframeSec());
                    metrics.counter("meridian_regime_bars", "timeframe_sec", tf, "regime", r.regime().name()).increment();
                    if (r.changed()) metrics.counter("meridian_regime_changes", "timeframe_sec", tf).increment();
                }
                if (r.changed()) {
                    vertx.eventBus().publish(Addresses.EVT_REGIME, new RegimeChange(bar.symbol(), bar.assetClass(), bar.timeframeSec(),
                            r.regime(), r.confidence(), bar.closeTimeMs()));
                }
                vertx.eventBus().send(Addresses.EVT_REGIME_BAR, new RegimeBar(source, bar, r.regime(), r.confidence(), r.warm(),
                        r.measures()));
            } else if (body instanceof Watermark w) {
                vertx.eventBus().send(Addresses.EVT_REGIME_BAR, w);
            }
        });
        return Future.succeededFuture();
    }
}
