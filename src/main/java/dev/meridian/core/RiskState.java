package dev.meridian.core;

import dev.meridian.core.AssetClass;

import java.util.Map;

/** Published by the risk verticle when a rail halts or resumes a sub-ledger: the halt reason per class. */
public record RiskState(Map<AssetClass, String> halts, Map<String, Long> refusalsByReason) {
}
