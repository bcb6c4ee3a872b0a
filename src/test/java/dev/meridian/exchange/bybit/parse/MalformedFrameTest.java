package dev.meridian.exchange.bybit.parse;

import dev.meridian.core.Category;
import dev.meridian.exchange.bybit.parse.BybitFrame.Malformed;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static dev.meridian.exchange.bybit.parse.Fixtures.frame;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** Every way a frame can be bad comes back as {@link Malformed} naming the fault, and is counted. */
class MalformedFrameTest {
    private static final String TRADE = "{\"topic\":\"publicTrade.BTCUSDT\",\"type\":\"snapshot\",\"ts\":1718110001002,"
            + "\"data\":[{\"T\":1718110001000,\"s\":\"BTCUSDT\",\"S\":\"Buy\",\"v\":\"0.015\",\"p\":\"64211.00\",\"i\":\"t-1\"}]}";
    private static final String TICKER = "{\"topic\":\"tickers.BTCUSDT\",\"type\":\"snapshot\",\"ts\":1718110000123,"
            + "\"data\":{\"symbol\":\"BTCUSDT\",\"lastPrice\":\"64210.40\",\"volume24h\":\"10\",\"fundingRate\":\"0.0001\"}}";
    private static final String BOOK = "{\"topic\":\"orderbook.50.BTCUSDT\",\"type\":\"delta\",\"ts\":1718110002020,"
            + "\"data\":{\"s\":\"BTCUSDT\",\"b\":[[\"64210.30\",\"1\"]],\"a\":[[\"64210.40\",\"2\"]],\"u\":7,\"seq\":9}}";
    private static final String KLINE = "{\"topic\":\"kline.5.BTCUSDT\",\"type\":\"snapshot\",\"ts\":1,\"data\":[{"
            + "\"start\":1718109900000,\"interval\":\"5\",\"open\":\"10\",\"close\":\"11\",\"high\":\"12\",\"low\":\"9\","
            + "\"volume\":\"1\",\"turnover\":\"10.5\",\"confirm\":true}]}";

    static Stream<Arguments> malformed() {
        return Stream.of(
                // not JSON, or not one JSON object
                arguments("", "not a JSON object"),
                arguments("not json", "bad JSON"),
                arguments("{\"topic\":\"tickers.BTCUSDT\"", "bad JSON"),
                arguments("[1,2]", "not a JSON object"),
                arguments("\"pong\"", "not a JSON object"),
                arguments(TICKER + " {}", "content after the JSON object"),
                arguments(TICKER + " x", "bad JSON"),
                // wrong types
                arguments(TRADE.replace("\"p\":\"64211.00\"", "\"p\":64211.00"), "data[0].p must be a string"),
                arguments(TRADE.replace("\"T\":1718110001000", "\"T\":\"1718110001000\""), "data[0].T must be an integer"),
                arguments(TRADE.replace("\"T\":1718110001000", "\"T\":1.5"), "data[0].T must be an integer"),
                arguments(TRADE.replace("\"T\":1718110001000", "\"T\":99999999999999999999"), "bad JSON"),
                arguments(TRADE.replace("\"data\":[", "\"data\":{\"x\":[").replace("}]}", "}]}}"), "data must be an array"),
                arguments(TRADE.replace("\"S\":\"Buy\"", "\"S\":\"buy\""), "data[0].S must be Buy or Sell"),
                arguments(TRADE.replace("\"i\":\"t-1\"", "\"i\":\"\""), "data[0].i must not be empty"),
                arguments(TRADE.replace("\"data\":[{", "\"data\":[7,{"), "data[0] must be an object"),
                arguments(TICKER.replace("\"ts\":1718110000123", "\"ts\":\"1718110000123\""), "ts must be an integer"),
                arguments(TICKER.replace("\"data\":{", "\"data\":[{").replace("}}", "}]}"), "data must be an object"),
                arguments(TICKER.replace("\"topic\":\"tickers.BTCUSDT\"", "\"topic\":7"), "topic must be a string"),
                arguments(TICKER.replace("\"type\":\"snapshot\"", "\"type\":\"partial\""), "type must be snapshot or delta"),
                arguments(KLINE.replace("\"confirm\":true", "\"confirm\":\"true\""), "data[0].confirm must be a boolean"),
                arguments(BOOK.replace("[[\"64210.30\",\"1\"]]", "[\"64210.30\",\"1\"]"), "data.b[0] must be a [price, size] array"),
                arguments(BOOK.replace("[[\"64210.30\",\"1\"]]", "[[64210.30,\"1\"]]"), "data.b[0][0] must be a string"),
                arguments(BOOK.replace("[[\"64210.30\",\"1\"]]", "[[\"64210.30\",1]]"), "data.b[0][1] must be a string"),
                arguments(BOOK.replace("[[\"64210.30\",\"1\"]]", "[[\"64210.30\",\"1\",\"x\"]]"), "must have two elements"),
                arguments(BOOK.replace("\"seq\":9", "\"seq\":-9"), "data.seq must be >= 0"),
                arguments("{\"success\":\"true\",\"op\":\"subscribe\"}", "success must be a boolean"),
                arguments("{\"op\":\"pong\",\"args\":[\"soon\"]}", "pong time must be epoch milliseconds"),
                // numbers that are not finite decimals, prices that are not > 0, negative sizes
                arguments(TRADE.replace("\"p\":\"64211.00\"", "\"p\":\"NaN\""), "data[0].p is not a decimal"),
                arguments(TRADE.replace("\"p\":\"64211.00\"", "\"p\":\"Infinity\""), "data[0].p is not a decimal"),
                arguments(TRADE.replace("\"p\":\"64211.00\"", "\"p\":\"\""), "data[0].p is not a decimal"),
                arguments(TRADE.replace("\"p\":\"64211.00\"", "\"p\":\"64,211.00\""), "data[0].p is not a decimal"),
                arguments(TRADE.replace("\"p\":\"64211.00\"", "\"p\":\"1e999999\""), "data[0].p is not a decimal"),
                arguments(TRADE.replace("\"p\":\"64211.00\"", "\"p\":\"1" + "0".repeat(80) + "\""), "data[0].p is not a decimal"),
                arguments(TRADE.replace("\"p\":\"64211.00\"", "\"p\":\"0\""), "data[0].p must be > 0"),
                arguments(TRADE.replace("\"p\":\"64211.00\"", "\"p\":\"-64211.00\""), "data[0].p must be > 0"),
                arguments(TRADE.replace("\"v\":\"0.015\"", "\"v\":\"-0.015\""), "data[0].v must be >= 0"),
                arguments(TICKER.replace("\"lastPrice\":\"64210.40\"", "\"lastPrice\":\"-1\""), "data.lastPrice must be >= 0"),
                arguments(TICKER.replace("\"volume24h\":\"10\"", "\"volume24h\":\"NaN\""), "data.volume24h is not a decimal"),
                arguments(KLINE.replace("\"open\":\"10\"", "\"open\":\"0.00\""), "data[0].open must be > 0"),
                arguments(KLINE.replace("\"volume\":\"1\"", "\"volume\":\"-1\""), "data[0].volume must be >= 0"),
                arguments(KLINE.replace("\"high\":\"12\"", "\"high\":\"10.5\""), "data[0].high/low do not contain open and close"),
                arguments(BOOK.replace("\"64210.30\"", "\"0\""), "data.b[0] price must be a decimal > 0"),
                arguments(BOOK.replace("\"64210.40\"", "\"-64210.40\""), "data.a[0] price must be a decimal > 0"),
                arguments(BOOK.replace("\"1\"]]", "\"-1\"]]"), "data.b[0] size must be a decimal >= 0"),
                // unknown topics
                arguments(TRADE.replace("publicTrade.BTCUSDT", "liquidation.BTCUSDT"), "unknown topic liquidation.BTCUSDT"),
                arguments(TRADE.replace("publicTrade.BTCUSDT", "publicTrade."), "unknown topic publicTrade."),
                arguments(TICKER.replace("tickers.BTCUSDT", "tickers"), "unknown topic tickers"),
                arguments(KLINE.replace("kline.5.", "kline.2."), "unknown topic kline.2.BTCUSDT"),
                arguments(KLINE.replace("kline.5.", "kline.M."), "unknown topic kline.M.BTCUSDT"),
                arguments(KLINE.replace("kline.5.BTCUSDT", "kline.5"), "unknown topic kline.5"),
                arguments(BOOK.replace("orderbook.50.", "orderbook.rpi."), "unknown topic orderbook.rpi.BTCUSDT"),
                arguments(BOOK.replace("orderbook.50.", "orderbook.0."), "unknown topic orderbook.0.BTCUSDT"),
                arguments(BOOK.replace("orderbook.50.BTCUSDT", "orderbook.50"), "unknown topic orderbook.50"),
                // topic and data disagree
                arguments(TICKER.replace("\"symbol\":\"BTCUSDT\"", "\"symbol\":\"ETHUSDT\""), "data.symbol does not match the topic"),
                arguments(BOOK.replace("\"s\":\"BTCUSDT\"", "\"s\":\"BTCUSDC\""), "data.s does not match the topic"),
                arguments(KLINE.replace("\"interval\":\"5\"", "\"interval\":\"15\""), "data[0].interval does not match the topic"),
                // missing fields
                arguments(TRADE.replace(",\"i\":\"t-1\"", ""), "publicTrade.BTCUSDT: missing data[0].i"),
                arguments(TRADE.replace("\"T\":1718110001000,", ""), "missing data[0].T"),
                arguments(TRADE.replace("\"p\":\"64211.00\",", ""), "missing data[0].p"),
                arguments(TICKER.replace("\"ts\":1718110000123,", ""), "tickers.BTCUSDT: missing ts"),
                arguments(TICKER.replace("\"type\":\"snapshot\",", ""), "missing type"),
                arguments(TICKER.replace("\"symbol\":\"BTCUSDT\",", ""), "missing data.symbol"),
                arguments("{\"topic\":\"tickers.BTCUSDT\",\"type\":\"snapshot\",\"ts\":1}", "missing data"),
                arguments(BOOK.replace(",\"u\":7", ""), "missing data.u"),
                arguments(BOOK.replace("\"a\":[[\"64210.40\",\"2\"]],", ""), "missing data.a"),
                arguments(BOOK.replace("\"s\":\"BTCUSDT\",", ""), "missing data.s"),
                arguments(KLINE.replace("\"turnover\":\"10.5\",", ""), "missing data[0].turnover"),
                arguments("{\"op\":\"subscribe\",\"ret_msg\":\"\"}", "ack without success"),
                arguments("{\"conn_id\":\"x\",\"data\":{\"failTopics\":[]}}", "neither topic nor op"),
                arguments("{}", "neither topic nor op"));
    }

    @ParameterizedTest
    @MethodSource("malformed")
    void isMalformedAndCounted(String frame, String reason) {
        BybitFrameDecoder decoder = new BybitFrameDecoder(Category.LINEAR);
        BybitFrame result = decoder.decode(frame);
        assertThat(result).isInstanceOf(Malformed.class);
        assertThat(((Malformed) result).reason()).contains(reason);
        assertThat(decoder.malformedFrames()).isEqualTo(1);
    }

    @Test
    void theUnbrokenBaseFramesDecode() {
        BybitFrameDecoder decoder = new BybitFrameDecoder(Category.LINEAR);
        for (String frame : new String[]{TRADE, TICKER, BOOK, KLINE}) {
            assertThat(decoder.decode(frame)).isNotInstanceOf(Malformed.class);
        }
        assertThat(decoder.malformedFrames()).isZero();
    }

    @Test
    void nullFrameIsMalformed() {
        BybitFrameDecoder decoder = new BybitFrameDecoder(Category.SPOT);
        assertThat(decoder.decode(null)).isEqualTo(new Malformed("null frame"));
        assertThat(decoder.malformedFrames()).isEqualTo(1);
    }

    @Test
    void reasonsNeverQuoteALongTopicWhole() {
        String topic = "tickers." + "X".repeat(10_000);
        BybitFrame result = new BybitFrameDecoder(Category.SPOT).decode(TICKER.replace("tickers.BTCUSDT", topic));
        assertThat(((Malformed) result).reason()).hasSizeLessThan(200);
    }

    @Test
    void reasonsNeverQuoteALongBadTokenWhole() {
        BybitFrame result = new BybitFrameDecoder(Category.SPOT).decode("{\"topic\":" + "x".repeat(100_000) + "}");
        assertThat(((Malformed) result).reason()).startsWith("bad JSON").hasSizeLessThan(300);
    }

    /** Every prefix of a valid frame is an invalid one; none may throw or decode. */
    @Test
    void everyTruncationOfEveryFixtureIsMalformed() {
        for (String name : new String[]{"linear-trade.json", "option-trade.json", "linear-ticker-snapshot.json",
                "option-ticker-snapshot.json", "kline-D.json", "orderbook-50-snapshot.json", "ack-subscribe-option.json",
                "pong-trade.json"}) {
            String frame = frame(name).strip();
            BybitFrameDecoder decoder = new BybitFrameDecoder(name.startsWith("option") ? Category.OPTION : Category.LINEAR);
            for (int end = 0; end < frame.length(); end++) {
                assertThat(decoder.decode(frame.substring(0, end))).as("%s cut at %d", name, end)
                        .isInstanceOf(Malformed.class);
            }
        }
    }
}
