package dev.meridian.core;

/**
 * One event of a market data source: a trade print or a bar. Sources number their events with a
 * strictly increasing {@code seq}; {@code eventTimeMs} (UTC epoch ms) is the data's own time, which
 * drives bars, sessions and daily rails in replay and backtest.
 */
public sealed interface MarketEvent permits Tick, Bar {
    String symbol();

    AssetClass assetClass();

    long seq();

    long eventTimeMs();

    boolean warmup();
}
