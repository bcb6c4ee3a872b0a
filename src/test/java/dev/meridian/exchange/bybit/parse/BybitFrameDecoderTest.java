package dev.meridian.exchange.bybit.parse;

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
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.OptionalLong;

import static dev.meridian.exchange.bybit.parse.Fixtures.frame;
import static org.assertj.core.api.Assertions.assertThat;

class BybitFrameDecoderTest {
    private static final BybitFrameDecoder SPOT = new BybitFrameDecoder(Category.SPOT);
    private static final BybitFrameDecoder LINEAR = new BybitFrameDecoder(Category.LINEAR);
    private static final BybitFrameDecoder OPTION = new BybitFrameDecoder(Category.OPTION);

    static <T extends BybitFrame> T decode(BybitFrameDecoder decoder, String frame, Class<T> type) {
        BybitFrame result = decoder.decode(frame);
        assertThat(result).as("decoded %s", frame).isInstanceOf(type);
        return type.cast(result);
    }

    private static BigDecimal dec(String s) {
        return new BigDecimal(s);
    }

    @Nested
    class PublicTrades {
        @Test
        void linearTradesKeepWireOrderAndExactDecimals() {
            List<TradePrint> trades = decode(LINEAR, frame("linear-trade.json"), Trades.class).trades();
            assertThat(trades).containsExactly(
                    new TradePrint(Category.LINEAR, "BTCUSDT", 1718110001000L, dec("64211.00"), dec("0.015"), Side.BUY,
                            "7c6a4f0e-2a0b-5d61-9d0c-3b7e2f1a6c55"),
                    new TradePrint(Category.LINEAR, "BTCUSDT", 1718110001001L, dec("64210.90"), dec("1.200"), Side.SELL,
                            "d1f07f2c-9b3e-5a44-8e51-05a9c7c0e3b1"));
            // Exact as sent: the scale survives, not just the value.
            assertThat(trades.get(0).price().toPlainString()).isEqualTo("64211.00");
        }

        @Test
        void spotTradeWithKeysInAnotherOrder() {
            assertThat(decode(SPOT, frame("spot-trade.json"), Trades.class).trades()).containsExactly(
                    new TradePrint(Category.SPOT, "ETHUSDT", 1718110001098L, dec("3481.28"), dec("0.51062"), Side.BUY,
                            "2290000000401882139"));
        }

        @Test
        void optionTradeTopicNamesTheBaseCoinAndEachTradeItsOptionSymbol() {
            List<TradePrint> trades = decode(OPTION, frame("option-trade.json"), Trades.class).trades();
            assertThat(trades).extracting(TradePrint::symbol)
                    .containsExactly("BTC-28JUN24-70000-C", "BTC-27SEP24-60000-P-USDT");
            assertThat(trades.get(0)).isEqualTo(new TradePrint(Category.OPTION, "BTC-28JUN24-70000-C", 1718110001347L,
                    dec("445"), dec("0.5"), Side.SELL, "6f21c0de-8a3b-5e0e-b1a2-51c7b3f9d0aa"));
            assertThat(trades.get(1).takerSide()).isEqualTo(Side.BUY);
        }

        @Test
        void optionTradeOfAnotherBaseCoinIsMalformed() {
            String wrong = frame("option-trade.json").replace("\"BTC-27SEP24-60000-P-USDT\"", "\"ETH-27SEP24-3000-P\"");
            assertThat(decode(OPTION, wrong, Malformed.class).reason()).contains("data[1].s");
        }

        @Test
        void linearTradeOfAnotherSymbolIsMalformed() {
            String wrong = frame("spot-trade.json").replace("\"s\":\"ETHUSDT\"", "\"s\":\"ETHUSDC\"");
            assertThat(decode(SPOT, wrong, Malformed.class).reason()).contains("data[0].s");
        }
    }

    @Nested
    class Tickers {
        @Test
        void linearSnapshotMapsEveryTickerField() {
            TickerUpdate update = decode(LINEAR, frame("linear-ticker-snapshot.json"), TickerUpdate.class);
            assertThat(update.snapshot()).isTrue();
            assertThat(update.values()).isEqualTo(new Ticker(Category.LINEAR, "BTCUSDT", 1718110000123L, dec("64210.40"),
                    dec("64210.30"), dec("64210.40"), dec("64572.845"), dec("4122375813.221930"), dec("64212.15"),
                    dec("64230.88"), dec("0.0001"), null, null, null, null, null));
        }

        @Test
        void linearDeltaCarriesOnlyTheChangedFields() {
            TickerUpdate update = decode(LINEAR, frame("linear-ticker-delta.json"), TickerUpdate.class);
            assertThat(update.snapshot()).isFalse();
            assertThat(update.values()).isEqualTo(new Ticker(Category.LINEAR, "BTCUSDT", 1718110000223L, dec("64211.00"),
                    dec("64210.90"), dec("64211.00"), null, null, null, null, dec("-0.000012"), null, null, null, null,
                    null));
        }

        @Test
        void spotSnapshotHasNoDerivativeFields() {
            TickerUpdate update = decode(SPOT, frame("spot-ticker-snapshot.json"), TickerUpdate.class);
            assertThat(update.snapshot()).isTrue();
            // usdIndexPrice is a USD conversion, not a contract's index price.
            assertThat(update.values()).isEqualTo(new Ticker(Category.SPOT, "ETHUSDT", 1718110000456L, dec("3481.27"),
                    null, null, dec("118220.94811"), dec("411730011.2731488"), null, null, null, null, null, null, null,
                    null));
        }

        @Test
        void optionSnapshotMapsBidAskIvAndGreeksAndKeepsAZeroBid() {
            TickerUpdate update = decode(OPTION, frame("option-ticker-snapshot.json"), TickerUpdate.class);
            assertThat(update.snapshot()).isTrue();
            assertThat(update.values()).isEqualTo(new Ticker(Category.OPTION, "BTC-28JUN24-70000-C", 1718110000789L,
                    dec("430"), dec("0"), dec("455"), dec("34.4"), dec("2211987.1249"), dec("441.72104488"),
                    dec("64230.88"), null, dec("0.4531"), dec("0.12871203"), dec("0.00003117"), dec("21.88123711"),
                    dec("-61.12877291")));
        }

        @Test
        void anEmptyStringMeansTheExchangeHasNoValue() {
            String frame = frame("linear-ticker-snapshot.json").replace("\"fundingRate\": \"0.0001\"", "\"fundingRate\": \"\"");
            assertThat(decode(LINEAR, frame, TickerUpdate.class).values().fundingRate()).isNull();
        }

        @Test
        void dataBeforeTopicDecodesTheSameAsTopicFirst() {
            String reordered = "{\"data\":{\"symbol\":\"BTCUSDT\",\"lastPrice\":\"64211.00\"},\"cs\":1,"
                    + "\"ts\":1718110000223,\"type\":\"delta\",\"topic\":\"tickers.BTCUSDT\"}";
            TickerUpdate update = decode(LINEAR, reordered, TickerUpdate.class);
            assertThat(update.snapshot()).isFalse();
            assertThat(update.values().lastPrice()).isEqualByComparingTo("64211.00");
            assertThat(update.values().timeMs()).isEqualTo(1718110000223L);
        }
    }

    @Nested
    class Topics {
        @Test
        void manyInterleavedTopicsEachKeepTheirOwnSymbol() {
            BybitFrameDecoder decoder = new BybitFrameDecoder(Category.LINEAR);
            String delta = "{\"topic\":\"tickers.%1$s\",\"type\":\"delta\",\"data\":{\"symbol\":\"%1$s\","
                    + "\"lastPrice\":\"%2$d\"},\"ts\":1}";
            // More topics than the decoder's topic cache has slots, so slots collide and get evicted.
            for (int round = 0; round < 3; round++) {
                for (int i = 1; i <= 1_000; i++) {
                    String symbol = "C" + i + "USDT";
                    Ticker values = decode(decoder, delta.formatted(symbol, i), TickerUpdate.class).values();
                    assertThat(values.symbol()).isEqualTo(symbol);
                    assertThat(values.lastPrice()).isEqualByComparingTo(BigDecimal.valueOf(i));
                }
            }
        }

        @Test
        void aChangedKeyOrderDecodesTheSame() {
            BybitFrameDecoder decoder = new BybitFrameDecoder(Category.LINEAR);
            String usual = frame("linear-trade.json");
            String reordered = "{\"data\":[{\"i\":\"x-1\",\"p\":\"64211.00\",\"v\":\"0.015\",\"S\":\"Sell\","
                    + "\"s\":\"BTCUSDT\",\"T\":1718110001000}],\"ts\":1718110001002,\"type\":\"snapshot\","
                    + "\"topic\":\"publicTrade.BTCUSDT\"}";
            Trades first = decode(decoder, usual, Trades.class);
            TradePrint other = decode(decoder, reordered, Trades.class).trades().get(0);
            assertThat(other).isEqualTo(new TradePrint(Category.LINEAR, "BTCUSDT", 1718110001000L, dec("64211.00"),
                    dec("0.015"), Side.SELL, "x-1"));
            assertThat(decode(decoder, usual, Trades.class)).isEqualTo(first);
        }

        @Test
        void anUnknownTopicIsNeverRemembered() {
            BybitFrameDecoder decoder = new BybitFrameDecoder(Category.LINEAR);
            String frame = "{\"topic\":\"kline.M.BTCUSDT\",\"type\":\"snapshot\",\"ts\":1,\"data\":[]}";
            decoder.decode(frame);
            assertThat(decoder.decode(frame)).isInstanceOf(Malformed.class);
            assertThat(decoder.malformedFrames()).isEqualTo(2);
        }
    }

    @Nested
    class Klines {
        @Test
        void fiveMinuteKline() {
            List<Kline> klines = decode(LINEAR, frame("kline-5.json"), KlineUpdate.class).klines();
            assertThat(klines).containsExactly(new Kline(Category.LINEAR, "BTCUSDT", 300, 1718109900000L, dec("64180.5"),
                    dec("64240"), dec("64170.1"), dec("64211"), dec("182.331"), dec("11705361.0227"), false));
        }

        @Test
        void dailyKlinesInOneFrame() {
            List<Kline> klines = decode(SPOT, frame("kline-D.json"), KlineUpdate.class).klines();
            assertThat(klines).extracting(Kline::intervalSec).containsExactly(86_400, 86_400);
            assertThat(klines).extracting(Kline::confirm).containsExactly(true, false);
            assertThat(klines.get(1).close()).isEqualByComparingTo("3481.27");
        }

        @Test
        void weeklyKlineIsSevenDays() {
            String weekly = frame("kline-D.json").replace("kline.D.", "kline.W.").replace("\"interval\":\"D\"", "\"interval\":\"W\"");
            assertThat(decode(SPOT, weekly, KlineUpdate.class).klines()).extracting(Kline::intervalSec)
                    .containsOnly(604_800);
        }

        @Test
        void everyMinuteInterval() {
            for (int minutes : new int[]{1, 3, 5, 15, 30, 60, 120, 240, 360, 720}) {
                String frame = frame("kline-5.json").replace("kline.5.", "kline." + minutes + ".")
                        .replace("\"interval\": \"5\"", "\"interval\": \"" + minutes + "\"");
                assertThat(decode(LINEAR, frame, KlineUpdate.class).klines().get(0).intervalSec()).isEqualTo(minutes * 60);
            }
        }
    }

    @Nested
    class OrderBooks {
        @Test
        void fiftyLevelSnapshot() {
            BookUpdate book = decode(LINEAR, frame("orderbook-50-snapshot.json"), BookUpdate.class);
            assertThat(book.category()).isEqualTo(Category.LINEAR);
            assertThat(book.symbol()).isEqualTo("BTCUSDT");
            assertThat(book.depth()).isEqualTo(50);
            assertThat(book.snapshot()).isTrue();
            assertThat(book.updateId()).isEqualTo(4417212L);
            assertThat(book.seq()).isEqualTo(184209771700L);
            assertThat(book.timeMs()).isEqualTo(1718110002000L);
            assertThat(book.matchTimeMs()).isEqualTo(1718110001998L);
            assertThat(book.bids()).hasSize(50);
            assertThat(book.asks()).hasSize(50);
            assertThat(book.bids().get(0)).isEqualTo(new BookLevel(dec("64210.30"), dec("39.836")));
            assertThat(book.asks().get(49).price()).isEqualTo(dec("64215.30"));
        }

        @Test
        void deltaKeepsZeroSizesForTheBookToDelete() {
            BookUpdate book = decode(LINEAR, frame("orderbook-50-delta.json"), BookUpdate.class);
            assertThat(book.snapshot()).isFalse();
            assertThat(book.updateId()).isEqualTo(4417213L);
            assertThat(book.bids()).containsExactly(new BookLevel(dec("64210.30"), dec("0")),
                    new BookLevel(dec("64210.20"), dec("5.000")), new BookLevel(dec("64205.35"), dec("0.250")));
            assertThat(book.asks()).hasSize(3);
        }

        @Test
        void spotLevelOneWithTsBeforeType() {
            BookUpdate book = decode(SPOT, frame("orderbook-1-spot-snapshot.json"), BookUpdate.class);
            assertThat(book.depth()).isEqualTo(1);
            assertThat(book.bids()).containsExactly(new BookLevel(dec("3481.27"), dec("4.18211")));
            assertThat(book.asks()).containsExactly(new BookLevel(dec("3481.28"), dec("0.09712")));
        }

        @Test
        void optionBookHasNeitherSeqNorCts() {
            BookUpdate book = decode(OPTION, frame("orderbook-25-option-snapshot.json"), BookUpdate.class);
            assertThat(book.symbol()).isEqualTo("BTC-28JUN24-70000-C");
            assertThat(book.depth()).isEqualTo(25);
            assertThat(book.updateId()).isEqualTo(901877L);
            assertThat(book.seq()).isEqualTo(BookUpdate.ABSENT);
            assertThat(book.matchTimeMs()).isEqualTo(BookUpdate.ABSENT);
            assertThat(book.bids()).extracting(BookLevel::price).containsExactly(dec("440"), dec("435"));
        }
    }

    @Nested
    class Acks {
        @Test
        void spotSubscribe() {
            assertThat(decode(SPOT, frame("ack-subscribe-spot.json"), Ack.class))
                    .isEqualTo(new Ack(true, "subscribe", "subscribe", List.of(), List.of(), "sub-17"));
        }

        @Test
        void linearSubscribeWithEmptyReqId() {
            assertThat(decode(LINEAR, frame("ack-subscribe-linear.json"), Ack.class))
                    .isEqualTo(new Ack(true, "subscribe", "", List.of(), List.of(), ""));
        }

        @Test
        void linearUnsubscribe() {
            assertThat(decode(LINEAR, frame("ack-unsubscribe-linear.json"), Ack.class))
                    .isEqualTo(new Ack(true, "unsubscribe", "", List.of(), List.of(), "unsub-3"));
        }

        @Test
        void optionCommandResponseListsTopicsAndNamesNoOp() {
            assertThat(decode(OPTION, frame("ack-subscribe-option.json"), Ack.class)).isEqualTo(new Ack(true, null, null,
                    List.of("orderbook.25.BTC-1JAN20-1000-C"),
                    List.of("orderbook.25.BTC-28JUN24-70000-C", "publicTrade.BTC"), null));
        }

        @Test
        void privateSubscribe() {
            assertThat(decode(LINEAR, frame("ack-subscribe-private.json"), Ack.class))
                    .isEqualTo(new Ack(true, "subscribe", "", List.of(), List.of(), null));
        }

        @Test
        void failedSubscribe() {
            assertThat(decode(SPOT, frame("ack-subscribe-failed-spot.json"), Ack.class))
                    .isEqualTo(new Ack(false, "subscribe", "args size >10", List.of(), List.of(), null));
        }
    }

    @Nested
    class Pongs {
        @Test
        void spotPongIsAnOpPingWithRetMsgPong() {
            assertThat(decode(SPOT, frame("pong-spot.json"), Pong.class)).isEqualTo(new Pong(null, OptionalLong.empty()));
        }

        @Test
        void linearPongCarriesAnEmptyReqId() {
            assertThat(decode(LINEAR, frame("pong-linear.json"), Pong.class)).isEqualTo(new Pong("", OptionalLong.empty()));
        }

        @Test
        void optionPongEchoesTheServerTimeInArgs() {
            assertThat(decode(OPTION, frame("pong-option.json"), Pong.class))
                    .isEqualTo(new Pong(null, OptionalLong.of(1718110003000L)));
        }

        @Test
        void privatePong() {
            assertThat(decode(LINEAR, frame("pong-private.json"), Pong.class))
                    .isEqualTo(new Pong("hb-42", OptionalLong.of(1718110003111L)));
        }

        @Test
        void tradeStreamPongEchoesTheServerTimeInData() {
            assertThat(decode(LINEAR, frame("pong-trade.json"), Pong.class))
                    .isEqualTo(new Pong(null, OptionalLong.of(1718110003222L)));
        }
    }
}
