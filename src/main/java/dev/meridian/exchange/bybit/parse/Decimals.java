package dev.meridian.exchange.bybit.parse;

import java.math.BigDecimal;

/**
 * Exact decimal parsing of the exchange's number strings straight from the JSON parser's char
 * buffer, so no intermediate {@code String} is made. Plain decimals of up to 18 digits (every
 * price and size Bybit sends) are built from a {@code long}, several times faster than
 * {@code new BigDecimal(String)}; anything else goes through {@code BigDecimal}'s own grammar.
 */
final class Decimals {
    /*
     * No market datum comes near these; longer texts, more digits or larger exponents could only
     * make BigDecimal's parsing (superlinear in length) or later arithmetic explode.
     */
    private static final int MAX_TEXT = 64;
    private static final int MAX_PRECISION = 40;
    private static final int MAX_ABS_SCALE = 40;
    private static final int MAX_LONG_DIGITS = 18;

    private Decimals() {
    }

    /** The value of {@code buf[off, off + len)}, or null when it is not a finite decimal number. */
    static BigDecimal parse(char[] buf, int off, int len) {
        int end = off + len;
        int i = off;
        boolean negative = i < end && buf[i] == '-';
        if (negative) i++;
        long unscaled = 0;
        int digits = 0;
        int scale = 0;
        int dot = -1;
        for (; i < end; i++) {
            char c = buf[i];
            if (c >= '0' && c <= '9') {
                if (++digits > MAX_LONG_DIGITS) return slow(buf, off, len);
                unscaled = unscaled * 10 + (c - '0');
                if (dot >= 0) scale++;
            } else if (c == '.' && dot < 0) {
                dot = i;
            } else {
                return slow(buf, off, len);
            }
        }
        // "", "-", ".5", "5." and the like: let BigDecimal's grammar decide.
        if (digits == 0 || dot == off + (negative ? 1 : 0) || dot == end - 1) return slow(buf, off, len);
        return BigDecimal.valueOf(negative ? -unscaled : unscaled, scale);
    }

    private static BigDecimal slow(char[] buf, int off, int len) {
        if (len > MAX_TEXT) return null;
        for (int i = off; i < off + len; i++) {
            // BigDecimal also takes any Unicode digit (e.g. Arabic-Indic); a wire number is ASCII.
            char c = buf[i];
            if ((c < '0' || c > '9') && c != '.' && c != '-' && c != '+' && c != 'e' && c != 'E') return null;
        }
        BigDecimal value;
        try {
            value = new BigDecimal(buf, off, len);
        } catch (NumberFormatException e) {
            return null;
        }
        if (value.precision() > MAX_PRECISION || Math.abs(value.scale()) > MAX_ABS_SCALE) return null;
        return value;
    }
}
