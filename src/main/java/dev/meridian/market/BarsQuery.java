package dev.meridian.market;

import dev.meridian.core.Bar;

import java.util.List;

/** A request for recent bars ({@code cmd.market.bars}) and its answer. */
public record BarsQuery(String assetClassAndSymbol, int timeframeSec, int limit) {
    /** The answer: oldest first. */
    public record Result(List<Bar> bars) {
    }
}
