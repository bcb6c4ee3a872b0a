package dev.meridian.funds;

import dev.meridian.core.AssetClass;
import dev.meridian.core.Mode;

import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * The owner's funds controls, immutable. {@code allowFunds} OFF means every order is paper;
 * {@code paused} blocks new entries everywhere; a disabled asset class takes no new entries (exits
 * still run); {@code maxPairFraction} caps one symbol's notional as a fraction of its sub-ledger's
 * equity; {@code strategyMode} empty means AUTO.
 */
public record FundsState(boolean allowFunds, boolean paused, Map<AssetClass, Boolean> assetClasses,
                         BigDecimal maxPairFraction, Optional<Mode> strategyMode) {
    public FundsState {
        assetClasses = Map.copyOf(new EnumMap<>(assetClasses));
        for (AssetClass c : AssetClass.values()) {
            if (!assetClasses.containsKey(c)) throw new IllegalArgumentException("asset class " + c + " has no switch");
        }
        if (maxPairFraction.signum() <= 0 || maxPairFraction.compareTo(BigDecimal.ONE) > 0) {
            throw new IllegalArgumentException("max pair fraction must be in (0, 1], got " + maxPairFraction);
        }
    }

    /** Defaults: funds OFF, not paused, classes with a non-zero allocation ON. */
    public static FundsState defaults(Map<AssetClass, BigDecimal> allocationUsd, BigDecimal pairCapFraction) {
        Map<AssetClass, Boolean> on = new EnumMap<>(AssetClass.class);
        for (AssetClass c : AssetClass.values()) {
            on.put(c, allocationUsd.getOrDefault(c, BigDecimal.ZERO).signum() > 0);
        }
        return new FundsState(false, false, on, pairCapFraction, Optional.empty());
    }

    public boolean enabled(AssetClass c) { return assetClasses.get(c); }

    /** True when a new entry of this class may be opened at all (paper or live). */
    public boolean entriesAllowed(AssetClass c) { return !paused && enabled(c); }
}
