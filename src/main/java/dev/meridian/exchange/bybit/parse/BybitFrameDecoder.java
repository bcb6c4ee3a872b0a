package dev.meridian.exchange.bybit.parse;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.meridian.core.Category;
import dev.meridian.core.Kline;
import dev.meridian.core.Side;
import dev.meridian.core.Ticker;
import dev.meridian.core.TradePrint;
import dev.meridian.exchange.bybit.parse.BybitFrame.Ack;
import dev.meridian.exchange.bybit.parse.BybitFrame.BookUpdate;
import dev.meridian.exchange.bybit.parse.BybitFrame.KlineUpdate;
import dev.meridian.exchange.bybit.parse.BybitFrame.Malformed;
import dev.meridian.exchange.bybit.parse.BybitFrame.Pong;
import dev.meridian.exchange.bybit.parse.BybitFrame.TickerUpdate;
import dev.meridian.exchange.bybit.parse.BybitFrame.Trades;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * Decodes the text frames of one Bybit V5 public WebSocket connection ({@code /v5/public/spot},
 * {@code linear} or {@code option}) into {@link BybitFrame}s: {@code publicTrade.*},
 * {@code tickers.*}, {@code kline.*} and {@code orderbook.*} data, subscription acks and pongs.
 *
 * <p>Contract: {@link #decode} never throws. A frame that is not valid JSON, misses a required
 * field, has a field of the wrong JSON type, an invalid number, or an unknown topic comes back as
 * {@link BybitFrame.Malformed} and is counted in {@link #malformedFrames()}; nothing of it is
 * returned. Fields we do not use are skipped unread, so new exchange fields never break decoding.
 * Key order is not relied on (Bybit's differs by market): when {@code data} precedes the field
 * that says what it holds, the frame is read a second time.
 *
 * <p>Numbers: prices, sizes and the other decimals arrive as JSON strings and are kept exact as
 * {@link BigDecimal} (a decimal sent as a JSON number is a wrong type); times and sequence
 * numbers arrive as JSON integers. Trade, kline and book prices must be {@code > 0} and sizes,
 * volumes {@code >= 0}; a kline whose high and low do not contain its open and close is
 * malformed. Ticker prices may be {@code 0}, which is how Bybit's option ticker reports an empty
 * book side ({@code "bidPrice": "0"}), so consumers must not take a zero bid or ask for a quote.
 * An empty string in a ticker field is decoded as absent (null) rather than dropping the frame.
 *
 * <p>Ticker fields map onto {@link Ticker} by name; the option stream's {@code bidPrice},
 * {@code askPrice} and {@code markPriceIv} fill {@code bid1Price}, {@code ask1Price} and
 * {@code markIv}. Spot's {@code usdIndexPrice} (a USD conversion, not a contract's index) is not
 * used. Kline intervals {@code 1..720} (minutes), {@code D} and {@code W} map to seconds; {@code M}
 * is refused as an unknown topic, because a month has no fixed length in seconds.
 *
 * <p>Not thread-safe: one decoder per connection, used by that connection's thread.
 */
public final class BybitFrameDecoder {
    /** Thread-safe and costly to build, so shared; parsers it creates recycle their buffers per thread. */
    private static final JsonFactory JSON = JsonFactory.builder().build();

    /** Slots of the topic cache: a power of two above a connection's usual subscription count. */
    private static final int TOPIC_SLOTS = 256;

    private final Category category;
    /** Topics already parsed, by a hash of their text, so a known topic costs no String and no parse. */
    private final Topic[] topics = new Topic[TOPIC_SLOTS];
    /** Field-name guessers: the top level until the topic is known (and of control frames), then per kind. */
    private final FieldNames frameNames = new FieldNames();
    private final FieldNames[] topicFrameNames = new FieldNames[Kind.values().length];
    private final FieldNames tradeNames = new FieldNames();
    private final FieldNames tickerNames = new FieldNames();
    private final FieldNames klineNames = new FieldNames();
    private final FieldNames bookNames = new FieldNames();
    private long malformedFrames;

    /** A decoder for the public stream of {@code category}; every decoded record carries it. */
    public BybitFrameDecoder(Category category) {
        this.category = Objects.requireNonNull(category, "category");
        Arrays.setAll(topicFrameNames, i -> new FieldNames());
    }

    /** How many frames this decoder returned as {@link BybitFrame.Malformed}. */
    public long malformedFrames() {
        return malformedFrames;
    }

    /** Decodes one text frame; see the class contract. A null frame is malformed. */
    public BybitFrame decode(String frame) {
        BybitFrame result = frame == null ? new Malformed("null frame") : decodeText(frame);
        if (result instanceof Malformed) malformedFrames++;
        return result;
    }

    private BybitFrame decodeText(String frame) {
        Scan scan = new Scan(null, false);
        try {
            scan.read(frame);
            if (scan.dataDeferred) {
                scan = new Scan(scan.topic, scan.isControl());
                scan.read(frame);
            }
            return scan.result();
        } catch (Bad e) {
            return new Malformed(scan.topic == null ? e.getMessage() : clip(scan.topic.name) + ": " + e.getMessage());
        } catch (JsonProcessingException e) {
            // Jackson's message may quote a long stretch of the input; the reason stays short.
            return new Malformed("bad JSON at column " + e.getLocation().getColumnNr() + ": "
                    + clip(String.valueOf(e.getOriginalMessage()), 200));
        } catch (IOException | RuntimeException e) {
            // Not reachable by any input we know of; kept so that a decoder bug drops one frame, not the connection.
            return new Malformed("undecodable frame: " + clip(e.toString(), 200));
        }
    }

    /** The state of one pass over a frame: top-level fields as they come, then the data they describe. */
    private final class Scan {
        private Topic topic;
        private final boolean control;
        private boolean dataDeferred;
        private boolean sawData;
        private FrameType type;
        private String otherType;
        private long ts = -1;
        private long cts = BookUpdate.ABSENT;
        private String op;
        private Boolean success;
        private String retMsg;
        private String reqId;
        private String firstArg;
        private String firstDatum;
        private List<String> failTopics = List.of();
        private List<String> successTopics = List.of();
        private List<TradePrint> trades;
        private List<Kline> klines;
        private TickerData ticker;
        private BookData book;

        /** {@code topic} or {@code control} are known from a first pass when this is the second. */
        Scan(Topic topic, boolean control) {
            this.topic = topic;
            this.control = control;
        }

        boolean isControl() {
            return control || op != null || type == FrameType.COMMAND_RESP || type == FrameType.AUTH_RESP;
        }

        void read(String frame) throws IOException {
            try (JsonParser p = JSON.createParser(frame)) {
                if (p.nextToken() != JsonToken.START_OBJECT) throw new Bad("frame is not a JSON object");
                String name = null;
                while ((name = topLevelNames().next(p, name)) != null) {
                    p.nextToken();
                    switch (name) {
                        case "topic" -> {
                            if (topic == null) topic = topic(p);
                        }
                        case "type" -> {
                            type = frameType(p);
                            if (type == FrameType.OTHER) otherType = p.getText();
                        }
                        case "ts" -> ts = timestamp(p, TOP, "ts");
                        case "cts" -> cts = timestamp(p, TOP, "cts");
                        case "op" -> op = optionalString(p, "op");
                        case "success" -> success = bool(p, TOP, "success");
                        case "ret_msg", "retMsg" -> retMsg = optionalString(p, name);
                        case "req_id", "reqId" -> reqId = optionalString(p, name);
                        case "args" -> firstArg = firstString(p, "args");
                        case "data" -> data(p);
                        default -> p.skipChildren();
                    }
                }
                if (p.nextToken() != null) throw new Bad("content after the JSON object");
            }
        }

        /** Each kind of frame orders its top-level keys its own way. */
        private FieldNames topLevelNames() {
            return topic == null ? frameNames : topicFrameNames[topic.kind.ordinal()];
        }

        private void data(JsonParser p) throws IOException {
            sawData = true;
            if (topic != null) {
                switch (topic.kind) {
                    case TRADES -> trades = trades(p, topic);
                    case TICKER -> ticker = ticker(p, topic);
                    case KLINE -> klines = klines(p, topic);
                    case BOOK -> book = book(p, topic);
                }
            } else if (isControl()) {
                controlData(p);
            } else {
                p.skipChildren();
                dataDeferred = true;
            }
        }

        /** The option ack's {@code {failTopics, successTopics}} or the trade stream pong's {@code [ms]}. */
        private void controlData(JsonParser p) throws IOException {
            if (p.currentToken() == JsonToken.START_ARRAY) {
                firstDatum = firstString(p, "data");
                return;
            }
            if (p.currentToken() != JsonToken.START_OBJECT) {
                p.skipChildren();
                return;
            }
            String name;
            while ((name = p.nextFieldName()) != null) {
                p.nextToken();
                switch (name) {
                    case "failTopics" -> failTopics = strings(p, "data.failTopics");
                    case "successTopics" -> successTopics = strings(p, "data.successTopics");
                    default -> p.skipChildren();
                }
            }
        }

        BybitFrame result() {
            if (topic != null) return market();
            if ("pong".equals(op) || "pong".equals(retMsg)) {
                String ms = firstArg != null ? firstArg : firstDatum;
                return new Pong(reqId, ms == null ? OptionalLong.empty() : OptionalLong.of(millis(ms)));
            }
            if (isControl()) {
                if (success == null) throw new Bad("ack without success");
                return new Ack(success, op, retMsg, failTopics, successTopics, reqId);
            }
            throw new Bad("neither topic nor op");
        }

        private BybitFrame market() {
            if (!sawData) throw new Bad("missing data");
            return switch (topic.kind) {
                case TRADES -> new Trades(trades);
                case KLINE -> new KlineUpdate(klines);
                case TICKER -> {
                    boolean snapshot = snapshot();
                    if (ts < 0) throw new Bad("missing ts");
                    if (snapshot && !ticker.symbolSeen) throw new Bad("missing data.symbol");
                    BigDecimal[] v = ticker.values;
                    yield new TickerUpdate(snapshot, new Ticker(category, topic.symbol, ts, v[0], v[1], v[2], v[3],
                            v[4], v[5], v[6], v[7], v[8], v[9], v[10], v[11], v[12]));
                }
                case BOOK -> {
                    boolean snapshot = snapshot();
                    if (ts < 0) throw new Bad("missing ts");
                    yield new BookUpdate(category, topic.symbol, topic.depth, snapshot, book.updateId, book.seq, ts,
                            cts, book.bids, book.asks);
                }
            };
        }

        private boolean snapshot() {
            if (type == null) throw new Bad("missing type");
            return switch (type) {
                case SNAPSHOT -> true;
                case DELTA -> false;
                default -> throw new Bad("type must be snapshot or delta, got " + clip(otherType != null ? otherType : type.name()));
            };
        }
    }

    /** The values of {@code type} we act on; matched on the parser's chars, no String made. */
    private enum FrameType { SNAPSHOT, DELTA, COMMAND_RESP, AUTH_RESP, OTHER }

    private static FrameType frameType(JsonParser p) throws IOException {
        if (p.currentToken() == JsonToken.VALUE_NULL) return null;
        requireString(p, TOP, "type");
        if (textEquals(p, "delta")) return FrameType.DELTA;
        if (textEquals(p, "snapshot")) return FrameType.SNAPSHOT;
        if (textEquals(p, "COMMAND_RESP")) return FrameType.COMMAND_RESP;
        if (textEquals(p, "AUTH_RESP")) return FrameType.AUTH_RESP;
        return FrameType.OTHER;
    }

    // ---- topics

    private Topic topic(JsonParser p) throws IOException {
        requireString(p, TOP, "topic");
        char[] buf = p.getTextCharacters();
        int off = p.getTextOffset();
        int len = p.getTextLength();
        int hash = 0;
        for (int i = 0; i < len; i++) hash = 31 * hash + buf[off + i];
        int slot = (hash ^ (hash >>> 16)) & (TOPIC_SLOTS - 1);
        Topic cached = topics[slot];
        if (cached != null && textEquals(p, cached.name)) return cached;
        // Only valid topics are cached (parse throws on the others); a collision just evicts.
        Topic topic = Topic.parse(p.getText());
        topics[slot] = topic;
        return topic;
    }

    private enum Kind { TRADES, TICKER, KLINE, BOOK }

    /** A subscribed topic. {@code symbol} is the base coin for option trades ({@code publicTrade.BTC}). */
    private record Topic(String name, Kind kind, String symbol, String interval, int intervalSec, int depth) {
        static Topic parse(String name) {
            if (name.startsWith("publicTrade.")) return new Topic(name, Kind.TRADES, symbol(name, 12), null, 0, 0);
            if (name.startsWith("tickers.")) return new Topic(name, Kind.TICKER, symbol(name, 8), null, 0, 0);
            if (name.startsWith("kline.")) {
                int dot = name.indexOf('.', 6);
                String interval = dot < 0 ? "" : name.substring(6, dot);
                int seconds = intervalSeconds(interval);
                if (seconds == 0) throw unknown(name);
                return new Topic(name, Kind.KLINE, symbol(name, dot + 1), interval, seconds, 0);
            }
            if (name.startsWith("orderbook.")) {
                int dot = name.indexOf('.', 10);
                int depth = dot < 0 ? 0 : positiveInt(name, 10, dot);
                if (depth == 0) throw unknown(name);
                return new Topic(name, Kind.BOOK, symbol(name, dot + 1), null, 0, depth);
            }
            throw unknown(name);
        }

        private static String symbol(String name, int from) {
            if (from >= name.length()) throw unknown(name);
            return name.substring(from);
        }

        private static int intervalSeconds(String interval) {
            return switch (interval) {
                case "1", "3", "5", "15", "30", "60", "120", "240", "360", "720" -> Integer.parseInt(interval) * 60;
                case "D" -> 86_400;
                case "W" -> 7 * 86_400;
                default -> 0;
            };
        }

        /** The decimal digits in {@code s[from, to)} as a positive int, or 0 when they are not one. */
        private static int positiveInt(String s, int from, int to) {
            if (to - from < 1 || to - from > 6) return 0;
            int value = 0;
            for (int i = from; i < to; i++) {
                char c = s.charAt(i);
                if (c < '0' || c > '9') return 0;
                value = value * 10 + (c - '0');
            }
            return value;
        }

        private static Bad unknown(String name) {
            return new Bad("unknown topic " + clip(name));
        }
    }

    // ---- trades

    private List<TradePrint> trades(JsonParser p, Topic topic) throws IOException {
        expect(p, JsonToken.START_ARRAY, TOP, "data", "an array");
        List<TradePrint> out = new ArrayList<>();
        int k = 0;
        for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken(), k++) {
            expect(p, JsonToken.START_OBJECT, k, "", "an object");
            out.add(trade(p, topic, k));
        }
        return out;
    }

    private TradePrint trade(JsonParser p, Topic topic, int k) throws IOException {
        long time = -1;
        String symbol = null;
        Side side = null;
        BigDecimal size = null;
        BigDecimal price = null;
        String id = null;
        String name = null;
        while ((name = tradeNames.next(p, name)) != null) {
            p.nextToken();
            switch (name) {
                case "T" -> time = timestamp(p, k, "T");
                case "s" -> symbol = tradeSymbol(p, topic, k);
                case "S" -> side = side(p, k);
                case "v" -> size = decimal(p, k, "v", Sign.NON_NEGATIVE);
                case "p" -> price = decimal(p, k, "p", Sign.POSITIVE);
                case "i" -> id = nonEmptyString(p, k, "i");
                default -> p.skipChildren();
            }
        }
        if (time < 0) throw missing(k, "T");
        if (symbol == null) throw missing(k, "s");
        if (side == null) throw missing(k, "S");
        if (size == null) throw missing(k, "v");
        if (price == null) throw missing(k, "p");
        if (id == null) throw missing(k, "i");
        return new TradePrint(category, symbol, time, price, size, side, id);
    }

    /**
     * The topic's symbol (one shared instance) for spot and linear; for options the topic names
     * only the base coin, so the full option symbol comes from the trade and must belong to it.
     */
    private String tradeSymbol(JsonParser p, Topic topic, int k) throws IOException {
        requireString(p, k, "s");
        if (category != Category.OPTION) {
            if (!textEquals(p, topic.symbol)) throw new Bad(at(k, "s") + " does not match the topic");
            return topic.symbol;
        }
        String symbol = p.getText();
        if (!symbol.startsWith(topic.symbol) || symbol.length() <= topic.symbol.length() + 1
                || symbol.charAt(topic.symbol.length()) != '-') {
            throw new Bad(at(k, "s") + " is not an option on " + clip(topic.symbol));
        }
        return symbol;
    }

    private static Side side(JsonParser p, int k) throws IOException {
        requireString(p, k, "S");
        if (textEquals(p, "Buy")) return Side.BUY;
        if (textEquals(p, "Sell")) return Side.SELL;
        throw new Bad(at(k, "S") + " must be Buy or Sell");
    }

    // ---- tickers

    /** Indexes of the {@link Ticker} decimal components, in record order, and their sign rules. */
    private static final int LAST = 0, BID = 1, ASK = 2, VOLUME = 3, TURNOVER = 4, MARK = 5, INDEX = 6,
            FUNDING = 7, MARK_IV = 8, DELTA = 9, GAMMA = 10, VEGA = 11, THETA = 12;
    private static final String[] TICKER_FIELDS = {"lastPrice", "bid1Price", "ask1Price", "volume24h",
            "turnover24h", "markPrice", "indexPrice", "fundingRate", "markPriceIv", "delta", "gamma", "vega", "theta"};

    private static final class TickerData {
        final BigDecimal[] values = new BigDecimal[TICKER_FIELDS.length];
        boolean symbolSeen;
    }

    private static int tickerField(String name) {
        return switch (name) {
            case "lastPrice" -> LAST;
            case "bid1Price", "bidPrice" -> BID;
            case "ask1Price", "askPrice" -> ASK;
            case "volume24h" -> VOLUME;
            case "turnover24h" -> TURNOVER;
            case "markPrice" -> MARK;
            case "indexPrice" -> INDEX;
            case "fundingRate" -> FUNDING;
            case "markPriceIv" -> MARK_IV;
            case "delta" -> DELTA;
            case "gamma" -> GAMMA;
            case "vega" -> VEGA;
            case "theta" -> THETA;
            default -> -1;
        };
    }

    private TickerData ticker(JsonParser p, Topic topic) throws IOException {
        expect(p, JsonToken.START_OBJECT, TOP, "data", "an object");
        TickerData out = new TickerData();
        String name = null;
        while ((name = tickerNames.next(p, name)) != null) {
            p.nextToken();
            if (name.equals("symbol")) {
                requireString(p, DATA, "symbol");
                if (!textEquals(p, topic.symbol)) throw new Bad("data.symbol does not match the topic");
                out.symbolSeen = true;
                continue;
            }
            int field = tickerField(name);
            if (field < 0) {
                p.skipChildren();
                continue;
            }
            requireString(p, DATA, name);
            if (p.getTextLength() == 0) continue;
            // Funding rates and greeks are signed; prices, volumes and volatility are not.
            Sign sign = field == FUNDING || field >= DELTA ? Sign.ANY : Sign.NON_NEGATIVE;
            out.values[field] = decimal(p, DATA, name, sign);
        }
        return out;
    }

    // ---- klines

    private List<Kline> klines(JsonParser p, Topic topic) throws IOException {
        expect(p, JsonToken.START_ARRAY, TOP, "data", "an array");
        List<Kline> out = new ArrayList<>(2);
        int k = 0;
        for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken(), k++) {
            expect(p, JsonToken.START_OBJECT, k, "", "an object");
            out.add(kline(p, topic, k));
        }
        return out;
    }

    private Kline kline(JsonParser p, Topic topic, int k) throws IOException {
        long start = -1;
        boolean intervalSeen = false;
        BigDecimal open = null, high = null, low = null, close = null, volume = null, turnover = null;
        Boolean confirm = null;
        String name = null;
        while ((name = klineNames.next(p, name)) != null) {
            p.nextToken();
            switch (name) {
                case "start" -> start = timestamp(p, k, "start");
                case "interval" -> {
                    requireString(p, k, "interval");
                    if (!textEquals(p, topic.interval)) throw new Bad(at(k, "interval") + " does not match the topic");
                    intervalSeen = true;
                }
                case "open" -> open = decimal(p, k, "open", Sign.POSITIVE);
                case "high" -> high = decimal(p, k, "high", Sign.POSITIVE);
                case "low" -> low = decimal(p, k, "low", Sign.POSITIVE);
                case "close" -> close = decimal(p, k, "close", Sign.POSITIVE);
                case "volume" -> volume = decimal(p, k, "volume", Sign.NON_NEGATIVE);
                case "turnover" -> turnover = decimal(p, k, "turnover", Sign.NON_NEGATIVE);
                case "confirm" -> confirm = bool(p, k, "confirm");
                default -> p.skipChildren();
            }
        }
        if (start < 0) throw missing(k, "start");
        if (!intervalSeen) throw missing(k, "interval");
        if (open == null) throw missing(k, "open");
        if (high == null) throw missing(k, "high");
        if (low == null) throw missing(k, "low");
        if (close == null) throw missing(k, "close");
        if (volume == null) throw missing(k, "volume");
        if (turnover == null) throw missing(k, "turnover");
        if (confirm == null) throw missing(k, "confirm");
        // A candle whose extremes do not contain its open and close is corrupt, whoever sent it.
        if (high.compareTo(low) < 0 || high.compareTo(open) < 0 || high.compareTo(close) < 0
                || low.compareTo(open) > 0 || low.compareTo(close) > 0) {
            throw new Bad(at(k, "high") + "/low do not contain open and close");
        }
        return new Kline(category, topic.symbol, topic.intervalSec, start, open, high, low, close, volume, turnover,
                confirm);
    }

    // ---- order books

    private static final class BookData {
        long updateId = -1;
        long seq = BookUpdate.ABSENT;
        List<BookLevel> bids;
        List<BookLevel> asks;
    }

    private BookData book(JsonParser p, Topic topic) throws IOException {
        expect(p, JsonToken.START_OBJECT, TOP, "data", "an object");
        BookData out = new BookData();
        boolean symbolSeen = false;
        String name = null;
        while ((name = bookNames.next(p, name)) != null) {
            p.nextToken();
            switch (name) {
                case "s" -> {
                    requireString(p, DATA, "s");
                    if (!textEquals(p, topic.symbol)) throw new Bad("data.s does not match the topic");
                    symbolSeen = true;
                }
                case "b" -> out.bids = levels(p, "b");
                case "a" -> out.asks = levels(p, "a");
                case "u" -> out.updateId = timestamp(p, DATA, "u");
                case "seq" -> {
                    out.seq = integer(p, DATA, "seq");
                    if (out.seq < 0) throw new Bad("data.seq must be >= 0");
                }
                default -> p.skipChildren();
            }
        }
        if (!symbolSeen) throw missing(DATA, "s");
        if (out.bids == null) throw missing(DATA, "b");
        if (out.asks == null) throw missing(DATA, "a");
        if (out.updateId < 0) throw missing(DATA, "u");
        return out;
    }

    private static List<BookLevel> levels(JsonParser p, String side) throws IOException {
        expect(p, JsonToken.START_ARRAY, DATA, side, "an array");
        List<BookLevel> out = new ArrayList<>();
        int k = 0;
        for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken(), k++) {
            if (t != JsonToken.START_ARRAY) throw new Bad(levelAt(side, k) + " must be a [price, size] array");
            if (p.nextToken() != JsonToken.VALUE_STRING) throw new Bad(levelAt(side, k) + "[0] must be a string");
            BigDecimal price = Decimals.parse(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
            if (price == null || price.signum() <= 0) throw new Bad(levelAt(side, k) + " price must be a decimal > 0");
            if (p.nextToken() != JsonToken.VALUE_STRING) throw new Bad(levelAt(side, k) + "[1] must be a string");
            BigDecimal size = Decimals.parse(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
            if (size == null || size.signum() < 0) throw new Bad(levelAt(side, k) + " size must be a decimal >= 0");
            if (p.nextToken() != JsonToken.END_ARRAY) throw new Bad(levelAt(side, k) + " must have two elements");
            out.add(new BookLevel(price, size));
        }
        return out;
    }

    private static String levelAt(String side, int k) {
        return "data." + side + "[" + k + "]";
    }

    // ---- field readers. Where a field is, for the message of a malformed frame: k >= 0 is the
    // index of an element of data's array, or one of these. Paths are built only on failure.

    private static final int DATA = -1;
    private static final int TOP = -2;

    private enum Sign { POSITIVE, NON_NEGATIVE, ANY }

    private static BigDecimal decimal(JsonParser p, int k, String field, Sign sign) throws IOException {
        requireString(p, k, field);
        BigDecimal value = Decimals.parse(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
        if (value == null) throw new Bad(at(k, field) + " is not a decimal");
        if (sign == Sign.POSITIVE && value.signum() <= 0) throw new Bad(at(k, field) + " must be > 0");
        if (sign == Sign.NON_NEGATIVE && value.signum() < 0) throw new Bad(at(k, field) + " must be >= 0");
        return value;
    }

    private static long integer(JsonParser p, int k, String field) throws IOException {
        if (p.currentToken() != JsonToken.VALUE_NUMBER_INT) throw new Bad(at(k, field) + " must be an integer");
        return p.getLongValue();
    }

    /** A time in epoch ms or an update id: an integer {@code > 0}. */
    private static long timestamp(JsonParser p, int k, String field) throws IOException {
        long value = integer(p, k, field);
        if (value <= 0) throw new Bad(at(k, field) + " must be > 0");
        return value;
    }

    private static boolean bool(JsonParser p, int k, String field) {
        JsonToken t = p.currentToken();
        if (t != JsonToken.VALUE_TRUE && t != JsonToken.VALUE_FALSE) throw new Bad(at(k, field) + " must be a boolean");
        return t == JsonToken.VALUE_TRUE;
    }

    private static void requireString(JsonParser p, int k, String field) {
        if (p.currentToken() != JsonToken.VALUE_STRING) throw new Bad(at(k, field) + " must be a string");
    }

    private static String string(JsonParser p, String field) throws IOException {
        requireString(p, TOP, field);
        return p.getText();
    }

    private static String nonEmptyString(JsonParser p, int k, String field) throws IOException {
        requireString(p, k, field);
        if (p.getTextLength() == 0) throw new Bad(at(k, field) + " must not be empty");
        return p.getText();
    }

    /** Control frames may carry JSON null where a string is absent. */
    private static String optionalString(JsonParser p, String field) throws IOException {
        return p.currentToken() == JsonToken.VALUE_NULL ? null : string(p, field);
    }

    private static List<String> strings(JsonParser p, String field) throws IOException {
        expect(p, JsonToken.START_ARRAY, TOP, field, "an array");
        List<String> out = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) out.add(string(p, field + "[]"));
        return out;
    }

    /** The first element of a string array (null when empty); the others are skipped. */
    private static String firstString(JsonParser p, String field) throws IOException {
        expect(p, JsonToken.START_ARRAY, TOP, field, "an array");
        String first = null;
        if (p.nextToken() != JsonToken.END_ARRAY) {
            first = string(p, field + "[0]");
            while (p.nextToken() != JsonToken.END_ARRAY) p.skipChildren();
        }
        return first;
    }

    private static long millis(String text) {
        if (text.isEmpty() || text.length() > 18) throw new Bad("pong time must be epoch milliseconds");
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') throw new Bad("pong time must be epoch milliseconds");
        }
        return Long.parseLong(text);
    }

    private static void expect(JsonParser p, JsonToken token, int k, String field, String what) {
        if (p.currentToken() != token) throw new Bad(at(k, field) + " must be " + what);
    }

    /** Compares the current string token with {@code s} without making a String of it. */
    private static boolean textEquals(JsonParser p, String s) throws IOException {
        int len = p.getTextLength();
        if (len != s.length()) return false;
        char[] buf = p.getTextCharacters();
        int off = p.getTextOffset();
        for (int i = 0; i < len; i++) {
            if (buf[off + i] != s.charAt(i)) return false;
        }
        return true;
    }

    private static Bad missing(int k, String field) {
        return new Bad("missing " + at(k, field));
    }

    private static String at(int k, String field) {
        if (k == TOP) return field;
        if (k == DATA) return "data." + field;
        return field.isEmpty() ? "data[" + k + "]" : "data[" + k + "]." + field;
    }

    private static String clip(String s) {
        return clip(s, 64);
    }

    private static String clip(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max) + "…";
    }

    /** Why a frame is malformed; thrown only inside this class, without a stack trace (it is control flow). */
    private static final class Bad extends RuntimeException {
        Bad(String message) {
            super(message, null, false, false);
        }
    }
}
