package dev.meridian.config;

/**
 * Where the sizer reads a sub-ledger's equity ({@code global.equity_source} in sizing_policy.json).
 * The spec defines one source; the setting stays in the file because the spec's policy has it.
 */
public enum EquitySource {
    /** The exchange wallet balance for an order that goes live, the sub-ledger's equity otherwise. */
    LIVE_OR_SIM
}
