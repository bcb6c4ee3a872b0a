package dev.meridian.exchange.bybit.rest;

import dev.meridian.exchange.JsonFields;

import static dev.meridian.exchange.JsonFields.at;

import dev.meridian.core.Instrument;
import dev.meridian.core.OptionBoard;
import dev.meridian.core.OptionTicker;
import dev.meridian.core.OptionTicker.QuotedGreeks;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code GET /v5/market/tickers?category=option&baseCoin=...} joined with the option listing into an
 * {@link OptionBoard}. Unlike the other market parsers, which fail the whole answer on one bad
 * field, this one skips a bad row and says why: one contract with a garbled greek must not take the
 * whole chain down, and the rest of the rows are independent quotes.
 *
 * <p>Per row (REST names; WS tickers name some fields differently and are not read here):
 * <ul>
 *   <li>{@code symbol} required and listed by instruments-info with status Trading; the contract
 *   terms come from the listing, which {@link MarketParse} has already checked against the symbol
 *   ({@link OptionSymbol}: the USDC form and the {@code -USDT} suffix form).</li>
 *   <li>{@code bid1Price}, {@code ask1Price}, {@code markPrice} required decimals ≥ 0 ("0" = no one
 *   quoting that side); a crossed book (bid > ask, both quoted) is skipped.</li>
 *   <li>{@code markIv} a fraction; absent, empty or "0" means no mark IV (0 is not a volatility).</li>
 *   <li>{@code underlyingPrice} (the expiry's forward) and {@code indexPrice} (the spot index):
 *   optional, > 0 when sent ("0" or "" counts as not sent).</li>
 *   <li>{@code delta}, {@code gamma}, {@code vega}, {@code theta}: all four or none; some but not
 *   all is malformed.</li>
 * </ul>
 *
 * <p><b>Greek units.</b> Bybit quotes vega per volatility point (σ +0.01) and theta per calendar
 * day. The API pages give no units, so this was checked against Bybit's own example ticker of
 * BTC-6JAN23-17500-C (underlying 16815.1, mark IV 0.4896, about 20.7 h to expiry, delta 0.0478):
 * Black–Scholes vega per 1.00 of σ is S·φ(d1)·√t ≈ 81.4 and Bybit shows 0.8135, i.e. per 0.01;
 * Black–Scholes theta is about −8,400 a year and Bybit shows −19.9, a per-day figure (≈ −23 by
 * the formula; the gap is the day-count and the rate). Bybit's help centre on option greeks also
 * describes theta as the value an option loses each day. So the figures pass through unchanged as
 * {@link QuotedGreeks}'s per-vol-point vega and per-day theta.
 */
final class OptionBoardParse {
    private OptionBoardParse() {
    }

    /**
     * The board of {@code baseCoin} from the tickers' {@code result} and the listing by symbol;
     * {@code timeMs} is the tickers answer's server time. Throws {@link JsonFields.Malformed} only when
     * {@code result.list} itself is missing.
     */
    static OptionBoard board(String baseCoin, JsonObject result, Map<String, Instrument> listing, long timeMs) {
        JsonArray list = JsonFields.array(result, "list", "result");
        List<OptionTicker> rows = new ArrayList<>(list.size());
        List<String> skipped = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            String path = at("result.list", i);
            try {
                JsonObject o = JsonFields.objectAt(list, i, "result.list");
                String symbol = JsonFields.text(o, "symbol", path);
                Instrument listed = listing.get(symbol);
                if (listed == null || listed.option().isEmpty()) {
                    skipped.add(path + " " + symbol + ": not listed by instruments-info for " + baseCoin);
                    continue;
                }
                if (!listed.trading()) {
                    skipped.add(path + " " + symbol + ": status " + listed.status() + ", not Trading");
                    continue;
                }
                if (!seen.add(symbol)) {
                    skipped.add(path + " " + symbol + ": appears twice; the first row is kept");
                    continue;
                }
                rows.add(row(o, path, symbol, listed.option().get()));
            } catch (JsonFields.Malformed m) {
                skipped.add(m.field + " " + m.problem);
            } catch (IllegalArgumentException e) {
                skipped.add(path + " " + e.getMessage());
            }
        }
        return new OptionBoard(baseCoin, timeMs, rows, skipped);
    }

    private static OptionTicker row(JsonObject o, String path, String symbol, Instrument.OptionSpec spec) {
        BigDecimal bid = JsonFields.decimal(o, "bid1Price", path);
        BigDecimal ask = JsonFields.decimal(o, "ask1Price", path);
        BigDecimal mark = JsonFields.decimal(o, "markPrice", path);
        return new OptionTicker(symbol, spec, bid, ask, mark, positive(o, "markIv", path), positive(o, "underlyingPrice", path),
                positive(o, "indexPrice", path), greeks(o, path));
    }

    /** A decimal that is absent, empty or zero reads as not sent; a negative one is malformed. */
    private static Optional<BigDecimal> positive(JsonObject o, String key, String path) {
        BigDecimal v = JsonFields.optDecimal(o, key, path);
        if (v == null || v.signum() == 0) return Optional.empty();
        if (v.signum() < 0) throw new JsonFields.Malformed(at(path, key), "is negative: " + v.toPlainString());
        return Optional.of(v);
    }

    private static Optional<QuotedGreeks> greeks(JsonObject o, String path) {
        BigDecimal delta = JsonFields.optDecimal(o, "delta", path);
        BigDecimal gamma = JsonFields.optDecimal(o, "gamma", path);
        BigDecimal vega = JsonFields.optDecimal(o, "vega", path);
        BigDecimal theta = JsonFields.optDecimal(o, "theta", path);
        int present = (delta != null ? 1 : 0) + (gamma != null ? 1 : 0) + (vega != null ? 1 : 0) + (theta != null ? 1 : 0);
        if (present == 0) return Optional.empty();
        if (present < 4) throw new JsonFields.Malformed(path, "has only some of delta, gamma, vega, theta");
        // Bybit's units are ours (vega per vol point, theta per day): see the class comment.
        return Optional.of(new QuotedGreeks(delta, gamma, vega, theta));
    }
}
