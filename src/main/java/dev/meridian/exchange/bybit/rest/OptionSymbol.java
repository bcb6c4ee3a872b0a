package dev.meridian.exchange.bybit.rest;

import dev.meridian.core.Instrument.OptionSpec;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Bybit option symbols: {@code BASE-DMMMYY-STRIKE-C|P}, optionally followed by a settle-coin suffix,
 * e.g. {@code BTC-29JUL22-25000-C} (USDC-settled) and {@code BTC-30AUG24-50000-C-USDT}.
 *
 * <p>Parsed from the right, because the settle suffix is optional: the last token is the suffix
 * when it is not {@code C}/{@code P}; then come the type, the strike and the expiry date, and
 * exactly one token, the underlying, must be left. The expiry is 08:00 UTC on the named date, Bybit's delivery time for options. A symbol that
 * does not fit is rejected with an {@link IllegalArgumentException} naming the bad part; nothing
 * is guessed.
 */
public final class OptionSymbol {
    private static final Pattern DATE = Pattern.compile("(\\d{1,2})([A-Z]{3})(\\d{2})");
    private static final List<String> MONTHS =
            List.of("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC");
    private static final Pattern COIN = Pattern.compile("[A-Z0-9]+");
    private static final Pattern STRIKE = Pattern.compile("\\d+(\\.\\d+)?");
    private static final LocalTime EXPIRY_TIME_UTC = LocalTime.of(8, 0);

    private OptionSymbol() {
    }

    /**
     * The contract terms in {@code symbol}. {@code settleSuffix} is the suffix as written
     * ({@code "USDT"}) or {@code ""} when there is none (Bybit's USDC options).
     *
     * @throws IllegalArgumentException when the symbol is not a Bybit option symbol
     */
    public static OptionSpec parse(String symbol) {
        if (symbol == null || symbol.isEmpty()) throw new IllegalArgumentException("option symbol is empty");
        String[] t = symbol.split("-", -1);
        int last = t.length - 1;
        String suffix = "";
        if (!isType(t[last])) {
            suffix = t[last];
            if (!COIN.matcher(suffix).matches()) throw bad(symbol, "settle suffix \"" + suffix + "\" is not a coin");
            last--;
        }
        if (last >= 0 && !isType(t[last])) throw bad(symbol, "option type \"" + t[last] + "\" is neither C nor P");
        if (last != 3) throw bad(symbol, "expected UNDERLYING-DMMMYY-STRIKE-C|P[-SETTLE]");
        BigDecimal strike = strike(symbol, t[2]);
        long expiryMs = expiryMs(symbol, t[1]);
        if (!COIN.matcher(t[0]).matches()) throw bad(symbol, "underlying \"" + t[0] + "\" is not a coin");
        return new OptionSpec(t[0], expiryMs, strike, t[3].equals("C"), suffix);
    }

    private static boolean isType(String token) {
        return token.equals("C") || token.equals("P");
    }

    private static BigDecimal strike(String symbol, String token) {
        if (!STRIKE.matcher(token).matches()) throw bad(symbol, "strike \"" + token + "\" is not a number");
        BigDecimal strike = new BigDecimal(token);
        if (strike.signum() <= 0) throw bad(symbol, "strike must be > 0");
        return strike;
    }

    private static long expiryMs(String symbol, String token) {
        Matcher m = DATE.matcher(token);
        if (!m.matches()) throw bad(symbol, "expiry \"" + token + "\" is not DMMMYY");
        int month = MONTHS.indexOf(m.group(2)) + 1;
        if (month == 0) throw bad(symbol, "expiry month \"" + m.group(2) + "\" is not JAN..DEC");
        try {
            LocalDate date = LocalDate.of(2000 + Integer.parseInt(m.group(3)), month, Integer.parseInt(m.group(1)));
            return date.atTime(EXPIRY_TIME_UTC).toInstant(ZoneOffset.UTC).toEpochMilli();
        } catch (DateTimeException e) {
            throw bad(symbol, "expiry \"" + token + "\" is not a calendar date");
        }
    }

    private static IllegalArgumentException bad(String symbol, String why) {
        return new IllegalArgumentException("not a Bybit option symbol \"" + symbol + "\": " + why);
    }
}
