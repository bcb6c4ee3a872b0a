package dev.meridian.portfolio;

import dev.meridian.core.AssetClass;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/** The LIVE caps per sub-ledger after a wallet sync, and any alerts (the exchange holds less than the books). */
public record WalletCapsUpdate(Map<AssetClass, BigDecimal> caps, List<String> alerts) {
}
