package dev.meridian.core;

/** The four sub-ledgers of the portfolio. Names are the public API's enumeration values. */
public enum AssetClass {
    SPOT, PERP, OPTIONS, FOREX;

    /**
     * Margin-settled: a position ties up margin, not its notional, so cash (the wallet balance)
     * moves only by fees, funding and realized P&L, and a position is worth its unrealized P&L.
     * Such classes can also be short. SPOT and OPTIONS pay the full price (premium) in cash.
     */
    public boolean margined() { return this == PERP || this == FOREX; }

    /** Whether a position may be opened with a SELL. */
    public boolean shortable() { return margined(); }
}
