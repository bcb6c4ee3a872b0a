package dev.meridian.config;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * An interval of allowed values for one setting. Each record holds its ranges as constants that
 * both its constructor and the parser check, so a file and code can never be held to different
 * limits, and both describe a violation in the same words.
 */
final class Range {
    private final BigDecimal lo;
    private final BigDecimal hi; // null: unbounded above
    private final boolean loOpen;
    private final boolean hiOpen;
    private final boolean integral;

    private Range(BigDecimal lo, boolean loOpen, BigDecimal hi, boolean hiOpen, boolean integral) {
        this.lo = Objects.requireNonNull(lo);
        this.loOpen = loOpen;
        this.hi = hi;
        this.hiOpen = hiOpen;
        this.integral = integral;
    }

    /** [lo, hi] */
    static Range closed(String lo, String hi) { return new Range(new BigDecimal(lo), false, new BigDecimal(hi), false, false); }

    /** (lo, hi] */
    static Range openClosed(String lo, String hi) { return new Range(new BigDecimal(lo), true, new BigDecimal(hi), false, false); }

    /** [lo, hi) */
    static Range closedOpen(String lo, String hi) { return new Range(new BigDecimal(lo), false, new BigDecimal(hi), true, false); }

    /** (lo, hi) */
    static Range open(String lo, String hi) { return new Range(new BigDecimal(lo), true, new BigDecimal(hi), true, false); }

    /** (lo, ∞) */
    static Range above(String lo) { return new Range(new BigDecimal(lo), true, null, false, false); }

    /** Whole numbers in [min, max]. */
    static Range ints(long min, long max) { return new Range(BigDecimal.valueOf(min), false, BigDecimal.valueOf(max), false, true); }

    boolean contains(BigDecimal v) {
        if (integral && v.stripTrailingZeros().scale() > 0) return false;
        int l = v.compareTo(lo);
        if (loOpen ? l <= 0 : l < 0) return false;
        if (hi == null) return true;
        int h = v.compareTo(hi);
        return hiOpen ? h < 0 : h <= 0;
    }

    /** The requirement as a message fragment: "must be a number in (0, 0.1]", "must be an integer in 1..65535". */
    String requirement() {
        if (integral) return "must be an integer in " + lo.toPlainString() + ".." + hi.toPlainString();
        if (hi == null) return "must be a number " + (loOpen ? "> " : ">= ") + lo.toPlainString();
        return "must be a number in " + (loOpen ? "(" : "[") + lo.toPlainString() + ", " + hi.toPlainString() + (hiOpen ? ")" : "]");
    }

    /** Returns {@code v} if allowed, else throws naming the JSON field {@code name}. */
    BigDecimal check(String name, BigDecimal v) {
        Objects.requireNonNull(v, name);
        if (!contains(v)) throw new IllegalArgumentException(name + " " + requirement() + ", got " + v.toPlainString());
        return v;
    }

    double check(String name, double v) {
        if (!Double.isFinite(v)) throw new IllegalArgumentException(name + " " + requirement() + ", got " + v);
        check(name, BigDecimal.valueOf(v));
        return v;
    }

    int check(String name, int v) {
        check(name, BigDecimal.valueOf(v));
        return v;
    }
}
