package dev.meridian.risk;

/**
 * Machine-readable reason a {@link RiskRails} check refused an entry. The enum name is the stable
 * code: it is the key of {@link RiskRails#refusalsByReason()}, the metrics label and what a refused
 * order records, so names never change once shipped.
 */
public enum RailReason {
    /** The sub-ledger's drawdown from its peak reached its asset-class limit; halted until resumed. */
    MAX_DRAWDOWN,
    /** The sub-ledger lost {@code daily_loss_pct} of its start-of-UTC-day equity; halted until 00:00 UTC. */
    DAILY_LOSS,
    /** The order's leverage exceeds min(tier leverage, asset-class cap). */
    LEVERAGE,
    /** A perp stop sits beyond, or too close to, the liquidation price. */
    LIQ_BUFFER,
    /** The portfolio already holds {@code max_open_positions} positions. */
    MAX_POSITIONS,
    /** The sub-ledger already holds a position in the symbol (one net position per symbol). */
    ONE_PER_SYMBOL,
    /** The check could not be evaluated from the given numbers (non-positive price, stop on the wrong side...). */
    INVALID_INPUT
}
