package dev.meridian.config;

import java.math.BigDecimal;

/**
 * Extra multipliers for one asset class in one session ({@code asset_factors.FOREX.ASIA} in
 * session_policy.json), applied on top of the session's own. A factor left out of the file is 1.
 *
 * @param sizeMult in (0, 5]
 * @param tpMult   in (0, 5]
 * @param slMult   in (0, 5]
 */
public record SessionFactors(BigDecimal sizeMult, BigDecimal tpMult, BigDecimal slMult) {
    /** No change. */
    public static final SessionFactors NONE = new SessionFactors(BigDecimal.ONE, BigDecimal.ONE, BigDecimal.ONE);

    public SessionFactors {
        SessionProfile.MULT.check("size_mult", sizeMult);
        SessionProfile.MULT.check("tp_mult", tpMult);
        SessionProfile.MULT.check("sl_mult", slMult);
    }
}
