package dev.meridian.core;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A currency pair: its price is {@code quote} per one {@code base} (USD_JPY at 150.000 = 150 JPY
 * per USD), so {@code units × price} is an amount in the quote currency, and P&L per unit is a
 * price difference in the quote currency. This record is the one place that turns such amounts
 * into the ledgers' USD.
 *
 * <p><b>Names.</b> {@link #parse} accepts OANDA's instrument names {@code BASE_QUOTE}
 * ({@code EUR_USD}, {@code USD_JPY}) and the six-letter {@code BASEQUOTE} form ({@code EURUSD}),
 * because a replay names its symbol after the CSV file ({@code EURUSD.csv} replays as
 * {@code EURUSD}); letters in any case, each currency exactly three letters, base ≠ quote. The
 * symbol a position is keyed by is never rewritten: the pair only reads it.
 *
 * <p><b>Pips and units.</b> A pip is 0.01 when the quote currency is JPY, else 0.0001; prices are
 * quoted to a tenth of a pip (3 decimals for JPY quotes, 5 otherwise, OANDA's display precision).
 * Positions are whole units of the base currency.
 *
 * <p><b>USD conversion.</b> An amount in the quote currency becomes USD
 * <ul>
 *   <li>quote USD ({@code EUR_USD}, {@code GBP_USD}): × 1, exact;</li>
 *   <li>base USD ({@code USD_JPY}, {@code USD_CHF}): ÷ the pair's own price (at {@link #USD_SCALE}
 *       decimals, half-even);</li>
 *   <li>a cross without a USD leg ({@code EUR_JPY}, {@code EUR_GBP}): <b>unsupported</b>. Its
 *       conversion needs the price of another pair (USD_JPY for EUR_JPY) that nothing here tracks,
 *       and a guessed or stale rate would silently misstate every P&L, so {@link #requireUsdLeg()}
 *       and every conversion refuse it with an {@link IllegalArgumentException} naming the
 *       instrument. Replay sources check this when they are resolved, so such a pair is a start-up
 *       error, not a failure in the middle of a run.</li>
 * </ul>
 * So for USD_JPY the USD notional of {@code units} is exactly {@code units}, and for EUR_USD it is
 * {@code units × price}. Immutable.
 *
 * @param base  the ISO code of the currency one unit is (upper case)
 * @param quote the ISO code the price is in (upper case)
 */
public record ForexPair(String base, String quote) {
    /** Decimals kept by a division into USD: far below a cent, so sums of thousands of trades stay exact to the cent. */
    public static final int USD_SCALE = 10;
    /**
     * The least stop distance for a forex entry, in pips. Quoted spreads on the majors are typically
     * a fraction of a pip to a couple of pips, wider around the 22:00 UTC rollover and the Sunday
     * open, so a stop within a pip or two of the entry can be taken out by the bid/ask alone, and a
     * %-risk size on such a distance is enormous. With the shipped {@code min_stop_distance_pct}
     * (0.15 %) this floor never binds on the majors (EUR_USD at 1.085: 16.3 pips; USD_JPY at 150:
     * 22.5 pips); it binds only when that percentage is lowered to about 0.03 % (3 pips are 0.028 %
     * of EUR_USD at 1.085 and 0.020 % of USD_JPY at 150).
     */
    public static final int MIN_STOP_PIPS = 3;

    private static final Pattern NAME = Pattern.compile("([A-Za-z]{3})_?([A-Za-z]{3})");
    private static final String USD = "USD";
    private static final String JPY = "JPY";

    public ForexPair {
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(quote, "quote");
        if (!base.matches("[A-Z]{3}") || !quote.matches("[A-Z]{3}")) {
            throw new IllegalArgumentException("currencies are three upper-case letters, got " + base + " and " + quote);
        }
        if (base.equals(quote)) throw new IllegalArgumentException("a pair needs two currencies, got " + base + " twice");
    }

    /**
     * The pair an instrument name stands for ({@code EUR_USD} or {@code EURUSD}, any case).
     *
     * @throws IllegalArgumentException the name is neither form, or names one currency twice
     */
    public static ForexPair parse(String instrument) {
        Objects.requireNonNull(instrument, "instrument");
        Matcher m = NAME.matcher(instrument);
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + instrument + "' is not a forex pair: expected BASE_QUOTE such as EUR_USD "
                    + "or USD_JPY (OANDA's names), or six letters such as EURUSD");
        }
        return new ForexPair(m.group(1).toUpperCase(Locale.ROOT), m.group(2).toUpperCase(Locale.ROOT));
    }

    /** OANDA's name of the pair, {@code BASE_QUOTE}. */
    public String instrument() { return base + "_" + quote; }

    /** 0.01 for a JPY quote, else 0.0001. */
    public BigDecimal pipSize() { return quote.equals(JPY) ? new BigDecimal("0.01") : new BigDecimal("0.0001"); }

    /** Decimals a price is quoted to: a tenth of a pip, 3 for a JPY quote, else 5. */
    public int displayDecimals() { return quote.equals(JPY) ? 3 : 5; }

    /** {@link #MIN_STOP_PIPS} in price units (0.0003, or 0.03 for a JPY quote). */
    public BigDecimal minStopDistance() { return pipSize().multiply(BigDecimal.valueOf(MIN_STOP_PIPS)); }

    /** Whether one of the two currencies is USD, i.e. whether the pair's own price converts it to USD. */
    public boolean hasUsdLeg() { return base.equals(USD) || quote.equals(USD); }

    /**
     * This pair, if it can be booked in USD.
     *
     * @throws IllegalArgumentException a cross without a USD leg, naming the instrument
     */
    public ForexPair requireUsdLeg() {
        if (!hasUsdLeg()) {
            throw new IllegalArgumentException(instrument() + " is a cross without a USD leg: converting its " + quote
                    + " P&L to USD needs the price of another pair (" + USD + "_" + quote + " or " + quote + "_" + USD
                    + "), which Meridian does not track; trade pairs with USD as base or quote (EUR_USD, USD_JPY, ...)");
        }
        return this;
    }

    /** {@code amount} (in the quote currency) in USD at the pair's price {@code price}, divisions at {@link #USD_SCALE} decimals half-even. */
    public BigDecimal quoteToUsd(BigDecimal amount, BigDecimal price) {
        requireUsdLeg();
        if (quote.equals(USD)) return amount;
        return amount.divide(positive(price), USD_SCALE, RoundingMode.HALF_EVEN);
    }

    /**
     * {@code usd} in the quote currency at the pair's price {@code price}: exact (× 1 or × price),
     * the inverse of {@link #quoteToUsd(BigDecimal, BigDecimal)}.
     */
    public BigDecimal usdToQuote(BigDecimal usd, BigDecimal price) {
        requireUsdLeg();
        return quote.equals(USD) ? usd : usd.multiply(positive(price));
    }

    /** The USD value of {@code units} of the base currency at {@code price}: {@code units} for USD_xxx, {@code units × price} for xxx_USD. */
    public BigDecimal usdNotional(BigDecimal units, BigDecimal price) {
        requireUsdLeg();
        return base.equals(USD) ? units : units.multiply(price);
    }

    private BigDecimal positive(BigDecimal price) {
        if (price.signum() <= 0) throw new IllegalArgumentException(instrument() + " price must be > 0, got " + price.toPlainString());
        return price;
    }
}
