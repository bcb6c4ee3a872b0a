package dev.meridian.market;

import dev.meridian.core.AssetClass;
import dev.meridian.core.Bar;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/** Parsing of the numbers and timestamps found in replay files, shared by the row readers. */
final class Values {
    /**
     * Epoch values below this are seconds (up to the year 5138), others milliseconds (from March
     * 1973 on). Real data never sits near the boundary, so one threshold decides per value.
     */
    static final long EPOCH_MS_THRESHOLD = 100_000_000_000L;

    /**
     * Bounds on digits before and after the point. They keep a hostile or broken file from making
     * us build a number with millions of digits (e.g. {@code 1E+999999999}); real prices and
     * amounts are far inside them.
     */
    private static final int MAX_INTEGER_DIGITS = 30;
    private static final int MAX_FRACTION_DIGITS = 30;

    private Values() {
    }

    /**
     * The exact value of a decimal text, normalised so equal values are {@code equals}: trailing
     * fractional zeros are removed, but never into exponent form ({@code 800.0100} becomes
     * {@code 800.01}, {@code 800.00} becomes {@code 800}).
     */
    static BigDecimal decimal(String field, String text) throws RowException {
        BigDecimal value;
        try {
            value = new BigDecimal(text);
        } catch (NumberFormatException e) {
            throw new RowException(field + " is not a number: '" + text + "'");
        }
        if (value.precision() - value.scale() > MAX_INTEGER_DIGITS || value.scale() > MAX_FRACTION_DIGITS) {
            throw new RowException(field + " is out of range: '" + text + "'");
        }
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }

    static BigDecimal positive(String field, String text) throws RowException {
        BigDecimal value = decimal(field, text);
        if (value.signum() <= 0) throw new RowException(field + " must be > 0, got " + text);
        return value;
    }

    static BigDecimal nonNegative(String field, String text) throws RowException {
        BigDecimal value = decimal(field, text);
        if (value.signum() < 0) throw new RowException(field + " must be >= 0, got " + text);
        return value;
    }

    /**
     * A timestamp as UTC epoch milliseconds, its form detected from the value itself: digits
     * (optionally with a fraction) are epoch seconds or epoch milliseconds by magnitude (see
     * {@link #EPOCH_MS_THRESHOLD}), anything else ISO-8601: an instant with {@code Z} or an offset,
     * a local date-time or a date, the last two taken as UTC. Sub-millisecond digits are dropped
     * (rounded down), which keeps the order of timestamps.
     */
    static long epochMs(String text) throws RowException {
        long whole = wholeNumber(text);
        if (whole >= 0) return whole < EPOCH_MS_THRESHOLD ? whole * 1000 : whole;
        if (isPlainNumber(text)) {
            BigDecimal value = decimal("timestamp", text);
            BigDecimal ms = value.compareTo(BigDecimal.valueOf(EPOCH_MS_THRESHOLD)) < 0
                    ? value.movePointRight(3) : value;
            try {
                return ms.setScale(0, RoundingMode.FLOOR).longValueExact();
            } catch (ArithmeticException e) {
                throw new RowException("timestamp is out of range: '" + text + "'");
            }
        }
        try {
            return Instant.parse(text).toEpochMilli();
        } catch (DateTimeException notAnInstant) {
            // fall through to the zone-less forms
        }
        try {
            return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC).toEpochMilli();
        } catch (DateTimeException notALocalDateTime) {
            // fall through to a bare date
        }
        try {
            return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
        } catch (DateTimeException notADate) {
            throw new RowException("timestamp is not epoch seconds, epoch ms or ISO-8601: '" + text + "'");
        }
    }

    /**
     * The value of a text of 1 to 18 digits, else -1: the common case of epoch timestamps, parsed
     * without the cost of a BigDecimal (this is per row of a replay). 18 digits cannot overflow.
     */
    private static long wholeNumber(String text) {
        int length = text.length();
        if (length == 0 || length > 18) return -1;
        long value = 0;
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') return -1;
            value = value * 10 + (c - '0');
        }
        return value;
    }

    /** Digits with at most one decimal point, and no sign: a negative epoch value is a broken row. */
    private static boolean isPlainNumber(String text) {
        if (text.isEmpty()) return false;
        boolean point = false;
        boolean digit = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                digit = true;
            } else if (c == '.' && !point) {
                point = true;
            } else {
                return false;
            }
        }
        return digit;
    }

    /**
     * A bar from parsed fields, checked beyond what {@link Bar} itself checks: positive prices,
     * high and low bounding open and close, non-negative volume, open time aligned to the
     * timeframe (so it can be rolled up).
     */
    static Bar bar(String symbol, AssetClass assetClass, int timeframeSec, long openTimeMs, BigDecimal open,
                   BigDecimal high, BigDecimal low, BigDecimal close, BigDecimal volume, long seq)
            throws RowException {
        if (Math.floorMod(openTimeMs, timeframeSec * 1000L) != 0) {
            throw new RowException("bar open time " + iso(openTimeMs) + " is not aligned to UTC "
                    + timeframeSec + "s boundaries");
        }
        if (high.compareTo(open.max(close).max(low)) < 0) {
            throw new RowException("high " + high + " is below open, low or close");
        }
        if (low.compareTo(open.min(close)) > 0) {
            throw new RowException("low " + low + " is above open or close");
        }
        return new Bar(symbol, assetClass, timeframeSec, openTimeMs, open, high, low, close, volume, seq, false);
    }

    /** For messages: epoch ms in ISO-8601 UTC. */
    static String iso(long epochMs) {
        return Instant.ofEpochMilli(epochMs).toString();
    }
}
