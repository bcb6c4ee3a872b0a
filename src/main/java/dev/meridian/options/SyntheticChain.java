package dev.meridian.options;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.TreeSet;

/**
 * Makes up an option chain around an underlying price, for replays and backtests where no
 * historical chain exists. Every contract is marked {@link OptionQuote#synthetic()}.
 *
 * <p>What it makes, given the {@link Spec}:
 * <ul>
 *   <li>Expiries at Bybit's delivery time, 08:00 UTC: the next {@code dailyExpiries} days and
 *   the next {@code weeklyExpiries} Fridays, strictly after now, merged (a Friday daily counts once).</li>
 *   <li>Strikes on a round step: the largest of 1, 2, 2.5 or 5 × 10ⁿ not above
 *   {@code strikeStepFraction} × price (1 % of 60,000 = 600 → 500; of 3,000 = 30 → 25), every
 *   multiple of it within ± {@code strikeRangeFraction} of the price. A call and a put on each.</li>
 *   <li>Prices from {@link BlackScholes} at one flat volatility for every strike and expiry (no
 *   smile, no term structure) and the spec's rate: the mark is the model price, mark IV the
 *   volatility, no venue greeks. Bid and ask lie {@code spreadFraction} × mark apart around it,
 *   bid rounded down and ask up to the tick, at least one tick apart; a bid that rounds to 0
 *   means no bid, as on the venue.</li>
 * </ul>
 * Given the underlying's realized volatility, the chain carries no volatility premium: its IV − RV
 * edge is 0 by construction, which a backtest of vol-selling rails should keep in mind.
 */
public final class SyntheticChain {
    private static final LocalTime EXPIRY_TIME_UTC = LocalTime.of(8, 0);
    private static final String[] MONTHS = {"JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"};
    private static final int MARK_SCALE = 8;

    /**
     * How to make the chain.
     *
     * @param strikeRangeFraction strikes lie within ± this fraction of the price, in (0, 1)
     * @param strikeStepFraction  the strike step is the round number at most this fraction of the price, in (0, strikeRangeFraction]
     * @param dailyExpiries       daily expiries to list, ≥ 0
     * @param weeklyExpiries      Friday expiries to list, ≥ 0; together with the dailies at least one
     * @param spreadFraction      (ask − bid) / mark before rounding to the tick, in [0, 2)
     * @param tickSize            price tick, > 0
     * @param rate                continuously compounded rate for pricing, finite
     */
    public record Spec(double strikeRangeFraction, double strikeStepFraction, int dailyExpiries, int weeklyExpiries,
                       double spreadFraction, BigDecimal tickSize, double rate) {
        public Spec {
            if (!(strikeRangeFraction > 0 && strikeRangeFraction < 1)) {
                throw new IllegalArgumentException("strikeRangeFraction must be in (0, 1), got " + strikeRangeFraction);
            }
            if (!(strikeStepFraction > 0 && strikeStepFraction <= strikeRangeFraction)) {
                throw new IllegalArgumentException("strikeStepFraction must be in (0, strikeRangeFraction], got " + strikeStepFraction);
            }
            if (dailyExpiries < 0 || weeklyExpiries < 0 || dailyExpiries + weeklyExpiries == 0) {
                throw new IllegalArgumentException("dailyExpiries and weeklyExpiries must be >= 0 and not both 0, got "
                        + dailyExpiries + " and " + weeklyExpiries);
            }
            if (!(spreadFraction >= 0 && spreadFraction < 2)) {
                throw new IllegalArgumentException("spreadFraction must be in [0, 2), got " + spreadFraction);
            }
            Objects.requireNonNull(tickSize, "tickSize");
            if (tickSize.signum() <= 0) throw new IllegalArgumentException("tickSize must be > 0, got " + tickSize.toPlainString());
            if (!Double.isFinite(rate)) throw new IllegalArgumentException("rate must be finite, got " + rate);
        }

        /** ±30 % strikes on a ~1 % round step, 3 dailies and 4 Fridays, 4 % spread, tick 0.01, rate 0. */
        public static Spec defaults() {
            return new Spec(0.30, 0.01, 3, 4, 0.04, new BigDecimal("0.01"), 0.0);
        }
    }

    private SyntheticChain() {
    }

    /**
     * A chain of {@code underlying} at {@code nowMs} around {@code underlyingPrice}, priced at
     * {@code volatility} (annualised, e.g. the underlying's realized volatility).
     */
    public static OptionChain build(String underlying, long nowMs, double underlyingPrice, double volatility, Spec spec) {
        Objects.requireNonNull(spec, "spec");
        if (!(underlyingPrice > 0) || Double.isInfinite(underlyingPrice)) {
            throw new IllegalArgumentException("underlying price must be > 0 and finite, got " + underlyingPrice);
        }
        if (!(volatility > 0) || Double.isInfinite(volatility)) {
            throw new IllegalArgumentException("volatility must be > 0 and finite, got " + volatility);
        }
        List<OptionQuote> contracts = new ArrayList<>();
        List<BigDecimal> strikes = strikes(underlyingPrice, spec.strikeRangeFraction(), spec.strikeStepFraction());
        for (long expiryMs : expiries(nowMs, spec.dailyExpiries(), spec.weeklyExpiries())) {
            double years = (expiryMs - nowMs) / OptionQuote.MS_PER_YEAR;
            for (OptionType type : OptionType.values()) {
                for (BigDecimal strike : strikes) {
                    double mark = BlackScholes.price(type, underlyingPrice, strike.doubleValue(), spec.rate(), volatility, years);
                    contracts.add(quote(underlying, expiryMs, strike, type, mark, volatility, spec));
                }
            }
        }
        return new OptionChain(underlying, nowMs, underlyingPrice, contracts);
    }

    /**
     * The same contract quoted again at {@code nowMs} with the underlying at {@code underlyingPrice}:
     * what a synthetic chain built then would show for it (at or after expiry, its intrinsic value,
     * with no spread: settlement, not a market).
     */
    public static OptionQuote requote(OptionQuote contract, long nowMs, double underlyingPrice, double volatility, Spec spec) {
        double years = (contract.expiryMs() - nowMs) / OptionQuote.MS_PER_YEAR;
        if (years <= 0) {
            BigDecimal intrinsic = BigDecimal.valueOf(contract.type().intrinsic(underlyingPrice, contract.strike().doubleValue()))
                    .setScale(MARK_SCALE, RoundingMode.HALF_EVEN);
            return new OptionQuote(contract.symbol(), contract.underlying(), contract.expiryMs(), contract.strike(), contract.type(),
                    intrinsic, intrinsic, intrinsic, OptionalDouble.of(volatility), Optional.empty(), true);
        }
        double mark = BlackScholes.price(contract.type(), underlyingPrice, contract.strike().doubleValue(), spec.rate(), volatility, years);
        return quote(contract.underlying(), contract.expiryMs(), contract.strike(), contract.type(), mark, volatility, spec);
    }

    /** The round strike step: the largest of 1, 2, 2.5, 5 × 10ⁿ that is ≤ fraction × price. */
    public static BigDecimal strikeStep(double underlyingPrice, double fraction) {
        double target = underlyingPrice * fraction;
        int exponent = (int) Math.floor(Math.log10(target));
        for (String mantissa : new String[] {"5", "2.5", "2", "1"}) {
            BigDecimal step = new BigDecimal(mantissa).scaleByPowerOfTen(exponent);
            if (step.doubleValue() <= target) return step.stripTrailingZeros();
        }
        // log10 rounding can put the target just below 10ⁿ.
        return BigDecimal.ONE.scaleByPowerOfTen(exponent - 1).multiply(new BigDecimal(5)).stripTrailingZeros();
    }

    /** Every positive multiple of the step within ± rangeFraction of the price, ascending. */
    public static List<BigDecimal> strikes(double underlyingPrice, double rangeFraction, double stepFraction) {
        BigDecimal step = strikeStep(underlyingPrice, stepFraction);
        BigDecimal low = BigDecimal.valueOf(underlyingPrice * (1 - rangeFraction));
        BigDecimal high = BigDecimal.valueOf(underlyingPrice * (1 + rangeFraction));
        BigDecimal first = low.divide(step, 0, RoundingMode.CEILING).max(BigDecimal.ONE);
        BigDecimal last = high.divide(step, 0, RoundingMode.FLOOR);
        List<BigDecimal> strikes = new ArrayList<>();
        for (BigDecimal n = first; n.compareTo(last) <= 0; n = n.add(BigDecimal.ONE)) {
            strikes.add(n.multiply(step).stripTrailingZeros());
        }
        return strikes;
    }

    /** The next {@code dailies} days' and {@code fridays} Fridays' 08:00 UTC after {@code nowMs}, ascending. */
    public static List<Long> expiries(long nowMs, int dailies, int fridays) {
        TreeSet<Long> expiries = new TreeSet<>();
        ZonedDateTime now = Instant.ofEpochMilli(nowMs).atZone(ZoneOffset.UTC);
        LocalDate day = now.toLocalDate();
        if (!day.atTime(EXPIRY_TIME_UTC).atZone(ZoneOffset.UTC).isAfter(now)) day = day.plusDays(1);
        for (int i = 0; i < dailies; i++) expiries.add(expiryMs(day.plusDays(i)));
        LocalDate friday = day;
        while (friday.getDayOfWeek() != DayOfWeek.FRIDAY) friday = friday.plusDays(1);
        for (int i = 0; i < fridays; i++) expiries.add(expiryMs(friday.plusWeeks(i)));
        return List.copyOf(expiries);
    }

    /** A Bybit-style symbol for a made-up contract, e.g. {@code BTC-27JUN25-60000-C}, parseable by OptionSymbol. */
    public static String symbol(String underlying, long expiryMs, BigDecimal strike, OptionType type) {
        LocalDate date = Instant.ofEpochMilli(expiryMs).atZone(ZoneOffset.UTC).toLocalDate();
        String yy = String.format("%02d", date.getYear() % 100);
        return underlying + "-" + date.getDayOfMonth() + MONTHS[date.getMonthValue() - 1] + yy + "-"
                + strike.stripTrailingZeros().toPlainString() + "-" + (type == OptionType.CALL ? "C" : "P");
    }

    private static long expiryMs(LocalDate date) {
        return date.atTime(EXPIRY_TIME_UTC).toInstant(ZoneOffset.UTC).toEpochMilli();
    }

    private static OptionQuote quote(String underlying, long expiryMs, BigDecimal strike, OptionType type, double mark,
                                     double volatility, Spec spec) {
        BigDecimal tick = spec.tickSize();
        BigDecimal markPrice = BigDecimal.valueOf(mark).setScale(MARK_SCALE, RoundingMode.HALF_EVEN);
        BigDecimal half = BigDecimal.valueOf(mark * spec.spreadFraction() / 2);
        BigDecimal bid = markPrice.subtract(half).divide(tick, 0, RoundingMode.FLOOR).max(BigDecimal.ZERO).multiply(tick);
        BigDecimal ask = markPrice.add(half).divide(tick, 0, RoundingMode.CEILING).multiply(tick);
        if (ask.compareTo(bid.add(tick)) < 0) ask = bid.add(tick);
        return new OptionQuote(symbol(underlying, expiryMs, strike, type), underlying, expiryMs, strike, type,
                bid, ask, markPrice, OptionalDouble.of(volatility), Optional.empty(), true);
    }
}
