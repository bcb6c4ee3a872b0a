package dev.meridian.risk;

import dev.meridian.core.AssetClass;
import dev.meridian.exchange.VenuePosition;
import dev.meridian.portfolio.PortfolioSnapshot;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The liquidation-buffer rail for perps already open at a venue, fed by the venue's own
 * liquidation price as it moves: a live PERP position whose stop is within {@code liq_buffer_pct}
 * of that price, or beyond it, is a breach, and while any breach stands PERP takes no new entries.
 * Each venue frame is a full snapshot of its symbol's position, so the latest frame decides; a
 * flat frame, one without a liquidation price, or one for a symbol we hold no live position in
 * clears the symbol. Not thread-safe; the risk verticle owns one.
 */
public final class LiveLiquidationWatch {
    private final RiskRails rails;
    private final Map<String, String> breaches = new TreeMap<>();

    public LiveLiquidationWatch(RiskRails rails) { this.rails = rails; }

    /** Judges a venue frame against the portfolio's view of the position; returns whether the breaches changed. */
    public boolean onVenuePosition(VenuePosition v, PortfolioSnapshot portfolio) {
        String before = breaches.get(v.symbol());
        Optional<PortfolioSnapshot.PositionView> held = portfolio.positions().stream()
                .filter(p -> p.assetClass() == AssetClass.PERP && !p.paper() && p.symbol().equals(v.symbol())).findFirst();
        if (held.isEmpty() || v.liqPrice().isEmpty() || v.size().signum() == 0) {
            breaches.remove(v.symbol());
        } else {
            PortfolioSnapshot.PositionView p = held.get();
            RailCheck c = rails.liquidationBufferOfOpen(p.side(), p.entryPrice(), p.stopPrice(), p.leverage(), v.liqPrice().get());
            if (c.ok()) breaches.remove(v.symbol());
            else breaches.put(v.symbol(), v.symbol() + ": " + c.message());
        }
        return !java.util.Objects.equals(before, breaches.get(v.symbol()));
    }

    /** Why PERP entries are refused now, if they are. */
    public Optional<String> blocksPerpEntries() {
        return breaches.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", breaches.values()));
    }

    /** The breach of one symbol, if any. */
    public Optional<String> breach(String symbol) { return Optional.ofNullable(breaches.get(symbol)); }
}
