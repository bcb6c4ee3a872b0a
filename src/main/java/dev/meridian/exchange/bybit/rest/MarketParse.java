package dev.meridian.exchange.bybit.rest;

import dev.meridian.exchange.JsonFields;

import static dev.meridian.exchange.JsonFields.at;

import dev.meridian.core.Category;
import dev.meridian.core.Instrument;
import dev.meridian.core.Instrument.OptionSpec;
import dev.meridian.core.Kline;
import dev.meridian.core.Ticker;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Wire to domain for the three market endpoints. Pure functions of the {@code result} object;
 * a missing or unparsable field throws {@link JsonFields.Malformed} with its JSON path.
 */
final class MarketParse {
    private static final String[] KLINE_FIELDS = {"startTime", "open", "high", "low", "close", "volume", "turnover"};
    private static final String PERPETUAL = "LinearPerpetual";

    private MarketParse() {
    }

    /** One page of candles in the order Bybit sent them (newest first); {@code confirm} is set against {@code nowMs}. */
    static List<Kline> klines(JsonObject result, Category c, String symbol, int intervalSec, long nowMs) {
        JsonArray list = JsonFields.array(result, "list", "result");
        List<Kline> out = new ArrayList<>(list.size());
        long intervalMs = intervalSec * 1000L;
        for (int i = 0; i < list.size(); i++) {
            String path = at("result.list", i);
            JsonArray row = JsonFields.arrayAt(list, i, "result.list");
            if (row.size() < KLINE_FIELDS.length) {
                throw new JsonFields.Malformed(path, "has " + row.size() + " elements, expected " + KLINE_FIELDS.length
                        + " [startTime, open, high, low, close, volume, turnover]");
            }
            long start = JsonFields.integer(row.getValue(0), field(path, 0));
            BigDecimal[] v = new BigDecimal[KLINE_FIELDS.length];
            for (int j = 1; j < KLINE_FIELDS.length; j++) {
                if (!(row.getValue(j) instanceof String s)) throw new JsonFields.Malformed(field(path, j), "is not a string");
                v[j] = JsonFields.decimal(s, field(path, j));
            }
            boolean closed = start + intervalMs <= nowMs;
            out.add(new Kline(c, symbol, intervalSec, start, v[1], v[2], v[3], v[4], v[5], v[6], closed));
        }
        return out;
    }

    private static String field(String rowPath, int j) {
        return at(rowPath, j) + " (" + KLINE_FIELDS[j] + ")";
    }

    /** One page of instruments and the cursor to the next ({@code null} on the last page). */
    record InstrumentPage(List<Instrument> instruments, String nextCursor) {
    }

    /**
     * Linear dated futures are dropped: {@link Category#LINEAR} means perpetuals in this domain
     * ({@code AssetClass.PERP}) and {@link Instrument} has no expiry for a future, so one kept here
     * would pass for a perpetual.
     */
    static InstrumentPage instruments(JsonObject result, Category c) {
        JsonArray list = JsonFields.array(result, "list", "result");
        List<Instrument> out = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            String path = at("result.list", i);
            JsonObject o = JsonFields.objectAt(list, i, "result.list");
            if (c == Category.LINEAR && !PERPETUAL.equals(JsonFields.text(o, "contractType", path))) continue;
            out.add(instrument(o, c, path));
        }
        return new InstrumentPage(out, JsonFields.optText(result, "nextPageCursor", "result"));
    }

    private static Instrument instrument(JsonObject o, Category c, String path) {
        String symbol = JsonFields.text(o, "symbol", path);
        String status = JsonFields.text(o, "status", path);
        String base = JsonFields.text(o, "baseCoin", path);
        String quote = JsonFields.text(o, "quoteCoin", path);
        BigDecimal tick = JsonFields.decimal(JsonFields.object(o, "priceFilter", path), "tickSize", at(path, "priceFilter"));
        String lotPath = at(path, "lotSizeFilter");
        JsonObject lot = JsonFields.object(o, "lotSizeFilter", path);
        return switch (c) {
            case SPOT -> {
                // Bybit deprecated maxOrderQty for spot in favour of maxLimitOrderQty; older payloads have only the former.
                BigDecimal maxLimit = JsonFields.optDecimal(lot, "maxLimitOrderQty", lotPath);
                BigDecimal max = maxLimit != null ? maxLimit : JsonFields.optDecimal(lot, "maxOrderQty", lotPath);
                yield new Instrument(c, symbol, status, base, quote, tick, JsonFields.decimal(lot, "basePrecision", lotPath),
                        JsonFields.optDecimal(lot, "minOrderQty", lotPath), max, JsonFields.decimal(lot, "minOrderAmt", lotPath),
                        null, null, Optional.empty());
            }
            case LINEAR -> {
                String levPath = at(path, "leverageFilter");
                JsonObject lev = JsonFields.object(o, "leverageFilter", path);
                yield new Instrument(c, symbol, status, base, quote, tick, JsonFields.decimal(lot, "qtyStep", lotPath),
                        JsonFields.decimal(lot, "minOrderQty", lotPath), JsonFields.decimal(lot, "maxOrderQty", lotPath),
                        JsonFields.decimal(lot, "minNotionalValue", lotPath), JsonFields.decimal(lev, "minLeverage", levPath),
                        JsonFields.decimal(lev, "maxLeverage", levPath), Optional.empty(),
                        JsonFields.decimal(lev, "leverageStep", levPath));
            }
            case OPTION -> new Instrument(c, symbol, status, base, quote, tick, JsonFields.decimal(lot, "qtyStep", lotPath),
                    JsonFields.decimal(lot, "minOrderQty", lotPath), JsonFields.decimal(lot, "maxOrderQty", lotPath), null,
                    null, null, Optional.of(optionSpec(o, symbol, base, path)));
        };
    }

    /** The symbol's terms, refused when they contradict the instrument's own fields: one of the two would be misread. */
    private static OptionSpec optionSpec(JsonObject o, String symbol, String baseCoin, String path) {
        String symbolPath = at(path, "symbol");
        OptionSpec spec;
        try {
            spec = OptionSymbol.parse(symbol);
        } catch (IllegalArgumentException e) {
            throw new JsonFields.Malformed(symbolPath, e.getMessage());
        }
        if (!spec.underlying().equals(baseCoin)) {
            throw new JsonFields.Malformed(symbolPath, "names underlying " + spec.underlying() + " but baseCoin is " + baseCoin);
        }
        String type = JsonFields.optText(o, "optionsType", path);
        if (type != null && !type.equals(spec.call() ? "Call" : "Put")) {
            throw new JsonFields.Malformed(at(path, "optionsType"), "\"" + type + "\" contradicts symbol " + symbol);
        }
        String delivery = JsonFields.optText(o, "deliveryTime", path);
        if (delivery != null && !delivery.equals("0")) {
            long deliveryMs = JsonFields.integer(delivery, at(path, "deliveryTime"));
            if (deliveryMs != spec.expiryMs()) {
                throw new JsonFields.Malformed(at(path, "deliveryTime"), delivery + " (" + Instant.ofEpochMilli(deliveryMs)
                        + ") contradicts symbol " + symbol + " (expiry " + Instant.ofEpochMilli(spec.expiryMs()) + ")");
            }
        }
        String settle = JsonFields.optText(o, "settleCoin", path);
        if (settle != null && !spec.settleSuffix().isEmpty() && !settle.equals(spec.settleSuffix())) {
            throw new JsonFields.Malformed(at(path, "settleCoin"), settle + " contradicts symbol " + symbol);
        }
        return spec;
    }

    /** Every ticker in the list, stamped with the envelope's server time; fields Bybit leaves out or empty are null. */
    static List<Ticker> tickers(JsonObject result, Category c, long timeMs) {
        JsonArray list = JsonFields.array(result, "list", "result");
        List<Ticker> out = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            String p = at("result.list", i);
            JsonObject o = JsonFields.objectAt(list, i, "result.list");
            out.add(new Ticker(c, JsonFields.text(o, "symbol", p), timeMs, JsonFields.optDecimal(o, "lastPrice", p),
                    JsonFields.optDecimal(o, "bid1Price", p), JsonFields.optDecimal(o, "ask1Price", p),
                    JsonFields.optDecimal(o, "volume24h", p), JsonFields.optDecimal(o, "turnover24h", p),
                    JsonFields.optDecimal(o, "markPrice", p), JsonFields.optDecimal(o, "indexPrice", p),
                    JsonFields.optDecimal(o, "fundingRate", p), JsonFields.optDecimal(o, "markIv", p),
                    JsonFields.optDecimal(o, "delta", p), JsonFields.optDecimal(o, "gamma", p), JsonFields.optDecimal(o, "vega", p),
                    JsonFields.optDecimal(o, "theta", p)));
        }
        return out;
    }
}
