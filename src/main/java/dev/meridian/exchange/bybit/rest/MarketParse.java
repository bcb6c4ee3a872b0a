package dev.meridian.exchange.bybit.rest;

import static dev.meridian.exchange.bybit.rest.Wire.at;

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
 * a missing or unparsable field throws {@link Wire.Malformed} with its JSON path.
 */
final class MarketParse {
    private static final String[] KLINE_FIELDS = {"startTime", "open", "high", "low", "close", "volume", "turnover"};
    private static final String PERPETUAL = "LinearPerpetual";

    private MarketParse() {
    }

    /** One page of candles in the order Bybit sent them (newest first); {@code confirm} is set against {@code nowMs}. */
    static List<Kline> klines(JsonObject result, Category c, String symbol, int intervalSec, long nowMs) {
        JsonArray list = Wire.array(result, "list", "result");
        List<Kline> out = new ArrayList<>(list.size());
        long intervalMs = intervalSec * 1000L;
        for (int i = 0; i < list.size(); i++) {
            String path = at("result.list", i);
            JsonArray row = Wire.arrayAt(list, i, "result.list");
            if (row.size() < KLINE_FIELDS.length) {
                throw new Wire.Malformed(path, "has " + row.size() + " elements, expected " + KLINE_FIELDS.length
                        + " [startTime, open, high, low, close, volume, turnover]");
            }
            long start = Wire.integer(row.getValue(0), field(path, 0));
            BigDecimal[] v = new BigDecimal[KLINE_FIELDS.length];
            for (int j = 1; j < KLINE_FIELDS.length; j++) {
                if (!(row.getValue(j) instanceof String s)) throw new Wire.Malformed(field(path, j), "is not a string");
                v[j] = Wire.decimal(s, field(path, j));
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
        JsonArray list = Wire.array(result, "list", "result");
        List<Instrument> out = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            String path = at("result.list", i);
            JsonObject o = Wire.objectAt(list, i, "result.list");
            if (c == Category.LINEAR && !PERPETUAL.equals(Wire.text(o, "contractType", path))) continue;
            out.add(instrument(o, c, path));
        }
        return new InstrumentPage(out, Wire.optText(result, "nextPageCursor", "result"));
    }

    private static Instrument instrument(JsonObject o, Category c, String path) {
        String symbol = Wire.text(o, "symbol", path);
        String status = Wire.text(o, "status", path);
        String base = Wire.text(o, "baseCoin", path);
        String quote = Wire.text(o, "quoteCoin", path);
        BigDecimal tick = Wire.decimal(Wire.object(o, "priceFilter", path), "tickSize", at(path, "priceFilter"));
        String lotPath = at(path, "lotSizeFilter");
        JsonObject lot = Wire.object(o, "lotSizeFilter", path);
        return switch (c) {
            case SPOT -> {
                // Bybit deprecated maxOrderQty for spot in favour of maxLimitOrderQty; older payloads have only the former.
                BigDecimal maxLimit = Wire.optDecimal(lot, "maxLimitOrderQty", lotPath);
                BigDecimal max = maxLimit != null ? maxLimit : Wire.optDecimal(lot, "maxOrderQty", lotPath);
                yield new Instrument(c, symbol, status, base, quote, tick, Wire.decimal(lot, "basePrecision", lotPath),
                        Wire.optDecimal(lot, "minOrderQty", lotPath), max, Wire.decimal(lot, "minOrderAmt", lotPath),
                        null, null, Optional.empty());
            }
            case LINEAR -> {
                String levPath = at(path, "leverageFilter");
                JsonObject lev = Wire.object(o, "leverageFilter", path);
                yield new Instrument(c, symbol, status, base, quote, tick, Wire.decimal(lot, "qtyStep", lotPath),
                        Wire.decimal(lot, "minOrderQty", lotPath), Wire.decimal(lot, "maxOrderQty", lotPath),
                        Wire.decimal(lot, "minNotionalValue", lotPath), Wire.decimal(lev, "minLeverage", levPath),
                        Wire.decimal(lev, "maxLeverage", levPath), Optional.empty(),
                        Wire.decimal(lev, "leverageStep", levPath));
            }
            case OPTION -> new Instrument(c, symbol, status, base, quote, tick, Wire.decimal(lot, "qtyStep", lotPath),
                    Wire.decimal(lot, "minOrderQty", lotPath), Wire.decimal(lot, "maxOrderQty", lotPath), null,
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
            throw new Wire.Malformed(symbolPath, e.getMessage());
        }
        if (!spec.underlying().equals(baseCoin)) {
            throw new Wire.Malformed(symbolPath, "names underlying " + spec.underlying() + " but baseCoin is " + baseCoin);
        }
        String type = Wire.optText(o, "optionsType", path);
        if (type != null && !type.equals(spec.call() ? "Call" : "Put")) {
            throw new Wire.Malformed(at(path, "optionsType"), "\"" + type + "\" contradicts symbol " + symbol);
        }
        String delivery = Wire.optText(o, "deliveryTime", path);
        if (delivery != null && !delivery.equals("0")) {
            long deliveryMs = Wire.integer(delivery, at(path, "deliveryTime"));
            if (deliveryMs != spec.expiryMs()) {
                throw new Wire.Malformed(at(path, "deliveryTime"), delivery + " (" + Instant.ofEpochMilli(deliveryMs)
                        + ") contradicts symbol " + symbol + " (expiry " + Instant.ofEpochMilli(spec.expiryMs()) + ")");
            }
        }
        String settle = Wire.optText(o, "settleCoin", path);
        if (settle != null && !spec.settleSuffix().isEmpty() && !settle.equals(spec.settleSuffix())) {
            throw new Wire.Malformed(at(path, "settleCoin"), settle + " contradicts symbol " + symbol);
        }
        return spec;
    }

    /** Every ticker in the list, stamped with the envelope's server time; fields Bybit leaves out or empty are null. */
    static List<Ticker> tickers(JsonObject result, Category c, long timeMs) {
        JsonArray list = Wire.array(result, "list", "result");
        List<Ticker> out = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            String p = at("result.list", i);
            JsonObject o = Wire.objectAt(list, i, "result.list");
            out.add(new Ticker(c, Wire.text(o, "symbol", p), timeMs, Wire.optDecimal(o, "lastPrice", p),
                    Wire.optDecimal(o, "bid1Price", p), Wire.optDecimal(o, "ask1Price", p),
                    Wire.optDecimal(o, "volume24h", p), Wire.optDecimal(o, "turnover24h", p),
                    Wire.optDecimal(o, "markPrice", p), Wire.optDecimal(o, "indexPrice", p),
                    Wire.optDecimal(o, "fundingRate", p), Wire.optDecimal(o, "markIv", p),
                    Wire.optDecimal(o, "delta", p), Wire.optDecimal(o, "gamma", p), Wire.optDecimal(o, "vega", p),
                    Wire.optDecimal(o, "theta", p)));
        }
        return out;
    }
}
