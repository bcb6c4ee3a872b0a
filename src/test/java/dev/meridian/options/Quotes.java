package dev.meridian.options;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalDouble;

/** Hand-made BTC contracts with round prices, so package figures can be computed by hand. */
final class Quotes {
    static final long NOW = Instant.parse("2024-06-05T10:00:00Z").toEpochMilli();
    static final long EXPIRY = Instant.parse("2024-06-28T08:00:00Z").toEpochMilli();
    static final double SPOT = 60_000;

    private Quotes() {
    }

    static PricingContext ctx(double realizedVol) {
        return new PricingContext(SPOT, NOW, realizedVol, 0.0);
    }

    /** A contract with the given bid/ask, mark IV 0.5 and no venue greeks. */
    static OptionQuote q(OptionType type, int strike, String bid, String ask) {
        return q(type, strike, bid, ask, OptionalDouble.of(0.5), Optional.empty());
    }

    /** A contract whose venue greeks fix its delta and theta per day exactly. */
    static OptionQuote q(OptionType type, int strike, String bid, String ask, double iv, double delta, double thetaPerDay) {
        return q(type, strike, bid, ask, OptionalDouble.of(iv), Optional.of(Greeks.ofVenue(delta, 0.0, 0.0, thetaPerDay)));
    }

    static OptionQuote q(OptionType type, int strike, String bid, String ask, OptionalDouble iv, Optional<Greeks> greeks) {
        BigDecimal b = new BigDecimal(bid);
        BigDecimal a = new BigDecimal(ask);
        BigDecimal mark = b.add(a).divide(BigDecimal.valueOf(2));
        return new OptionQuote(SyntheticChain.symbol("BTC", EXPIRY, BigDecimal.valueOf(strike), type), "BTC", EXPIRY,
                BigDecimal.valueOf(strike), type, b, a, mark, iv, greeks, false);
    }

    static BigDecimal usd(String v) { return new BigDecimal(v); }
}
