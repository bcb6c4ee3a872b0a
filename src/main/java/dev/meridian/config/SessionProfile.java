package dev.meridian.config;

import dev.meridian.core.Mode;
import dev.meridian.core.SessionLabel;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.Set;

/**
 * One trading session of policies/session_policy.json: its UTC window and how trading changes
 * inside it. Multipliers scale the sizer's size and the strategy's take-profit and stop distances
 * (1 = unchanged; {@code slMult} < 1 is a tighter stop).
 *
 * @param label        the session
 * @param startMinute  window start, minutes after 00:00 UTC, inclusive, in 0..1439
 * @param endMinute    window end, exclusive, in startMinute+1..1440 (1440 = "24:00")
 * @param allowedModes modes that may open positions in the window; empty = no new entries
 * @param sizeMult     in (0, 5]
 * @param tpMult       in (0, 5]
 * @param slMult       in (0, 5]
 */
public record SessionProfile(SessionLabel label, int startMinute, int endMinute, Set<Mode> allowedModes,
                             BigDecimal sizeMult, BigDecimal tpMult, BigDecimal slMult) {
    static final Range MULT = Range.openClosed("0", "5");

    public SessionProfile {
        Objects.requireNonNull(label, "label");
        if (startMinute < 0 || endMinute > Values.MINUTES_PER_DAY || startMinute >= endMinute) {
            throw new IllegalArgumentException("start must be before end within 00:00..24:00, got "
                    + Values.formatMinuteOfDay(startMinute) + ".." + Values.formatMinuteOfDay(endMinute));
        }
        allowedModes = Values.enumSet(Mode.class, allowedModes, "allowed_modes");
        MULT.check("size_mult", sizeMult);
        MULT.check("tp_mult", tpMult);
        MULT.check("sl_mult", slMult);
    }

    public boolean contains(int minuteOfDay) { return minuteOfDay >= startMinute && minuteOfDay < endMinute; }

    /** This profile with each multiplier multiplied (exactly) by the matching factor. */
    SessionProfile scaledBy(SessionFactors f) {
        return new SessionProfile(label, startMinute, endMinute, allowedModes, sizeMult.multiply(f.sizeMult()),
                tpMult.multiply(f.tpMult()), slMult.multiply(f.slMult()));
    }

    /** "07:00–08:00", as windows are written in messages and docs. */
    String window() { return Values.formatMinuteOfDay(startMinute) + "–" + Values.formatMinuteOfDay(endMinute); }
}
