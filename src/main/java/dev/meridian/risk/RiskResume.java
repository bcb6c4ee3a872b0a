package dev.meridian.risk;

import dev.meridian.core.AssetClass;

/** The owner lifts a drawdown halt of one sub-ledger ({@code POST /api/risk/resume}). */
public record RiskResume(String who, AssetClass assetClass) {
}
