package dev.meridian.portfolio;

import java.util.List;

/** A page of closed trades, newest first, and the total count. */
public record TradesPage(List<ClosedTrade> trades, long total) {
}
