package dev.meridian.exchange.bybit.parse;

import dev.meridian.core.Side;
import dev.meridian.exchange.Execution;
import dev.meridian.exchange.OrderStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import static dev.meridian.exchange.bybit.parse.PrivateFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

class BybitPrivateDecoderTest {
    private final BybitPrivateDecoder decoder = new BybitPrivateDecoder();

    private List<PrivateEvent> events(String frame) {
        PrivateFrame f = decoder.decode(frame);
        assertThat(f).as("decoded %s", f).isInstanceOf(PrivateFrame.Events.class);
        return ((PrivateFrame.Events) f).events();
    }

    private <T extends PrivateEvent> T only(String frame, Class<T> type) {
        List<PrivateEvent> events = events(frame);
        assertThat(events).hasSize(1).first().isInstanceOf(type);
        return type.cast(events.get(0));
    }

    @Test
    void spotOrderTakesItsFeeFromCumFeeDetail() {
        BybitOrderUpdate u = only(SPOT_ORDER_FILLED, BybitOrderUpdate.class);
        assertThat(u).isEqualTo(new BybitOrderUpdate("spot", "1771311418924418816", "mrd-7f3a", "BTCUSDT", Side.BUY,
                OrderStatus.FILLED, "Filled", new BigDecimal("0.002"), new BigDecimal("0.002"), new BigDecimal("64210.5"),
                new BigDecimal("0.000002"), Map.of("BTC", new BigDecimal("0.000002")), "UNKNOWN", "EC_NoError",
                1718110005100L));
        // Exact decimals: the scale of the wire string survives.
        assertThat(u.qty().toPlainString()).isEqualTo("0.002");
        assertThat(decoder.malformedFrames()).isZero();
    }

    @Test
    void withoutCumFeeDetailTheFeeComesFromCumExecFeeAndAnEmptyAvgPriceIsAbsent() {
        BybitOrderUpdate u = only(LINEAR_ORDER_NEW, BybitOrderUpdate.class);
        assertThat(u.status()).isEqualTo(OrderStatus.NEW);
        assertThat(u.side()).isEqualTo(Side.SELL);
        assertThat(u.avgPrice()).isNull();
        assertThat(u.cumExecFee()).isEqualByComparingTo("0");
        assertThat(u.cumFeeDetail()).isEmpty();
        assertThat(u.qty().toPlainString()).isEqualTo("0.50");
    }

    @Test
    void theDoubleFilledRaceComesThroughAsTwoUpdates() {
        BybitOrderUpdate first = only(RACE_FILLED_FIRST, BybitOrderUpdate.class);
        BybitOrderUpdate second = only(RACE_FILLED_SECOND, BybitOrderUpdate.class);
        assertThat(List.of(first.status(), second.status())).containsExactly(OrderStatus.FILLED, OrderStatus.FILLED);
        assertThat(second.orderId()).isEqualTo(first.orderId());
        assertThat(second.cumExecQty()).isEqualTo(first.cumExecQty());
        assertThat(second.cancelType()).isEqualTo("CancelByUser");
        assertThat(second.rejectReason()).isEqualTo("EC_OrigClOrdIDDoesNotExist");
        assertThat(first.cancelType()).isEqualTo("UNKNOWN");
    }

    @ParameterizedTest
    @CsvSource({
            "New, NEW", "Created, NEW", "Untriggered, NEW", "Triggered, NEW",
            "PartiallyFilled, PARTIALLY_FILLED", "Filled, FILLED",
            "Cancelled, CANCELLED", "PartiallyFilledCanceled, CANCELLED", "Deactivated, CANCELLED",
            "Rejected, REJECTED"})
    void everyBybitStatusMapsAndIsKeptVerbatim(String bybit, OrderStatus ours) {
        BybitOrderUpdate u = only(LINEAR_ORDER_NEW.replace("\"orderStatus\":\"New\"", "\"orderStatus\":\"" + bybit + "\""),
                BybitOrderUpdate.class);
        assertThat(u.status()).isEqualTo(ours);
        assertThat(u.bybitStatus()).isEqualTo(bybit);
    }

    @Test
    void anUnknownStatusDropsTheFrameRatherThanGuessing() {
        PrivateFrame f = decoder.decode(LINEAR_ORDER_NEW.replace("\"orderStatus\":\"New\"", "\"orderStatus\":\"PendingNew\""));
        assertThat(f).isInstanceOfSatisfying(PrivateFrame.Malformed.class,
                m -> assertThat(m.reason()).contains("orderStatus unknown: PendingNew"));
        assertThat(decoder.malformedFrames()).isEqualTo(1);
    }

    @Test
    void aSpotBuysFeeInTheBaseCoinIsKeptApartFromTheQuoteFee() {
        BybitTradeExecution t = only(PrivateFixtures.SPOT_BUY_EXECUTION, BybitTradeExecution.class);
        assertThat(t.execution().feeInBase()).isEqualByComparingTo("0.000000156");
        assertThat(t.execution().fee()).isEqualByComparingTo("0");
        assertThat(t.feeCurrency()).isEqualTo("BTC");
    }

    @Test
    void aTradeExecutionBecomesAnExecution() {
        BybitTradeExecution t = only(LINEAR_TRADE_EXECUTION, BybitTradeExecution.class);
        assertThat(t.category()).isEqualTo("linear");
        assertThat(t.orderId()).isEqualTo("b-200");
        assertThat(t.execution()).isEqualTo(new Execution("mrd-b200", "ex-9001", "BTCUSDT", new BigDecimal("0.010"),
                new BigDecimal("64000"), new BigDecimal("-0.064"), BigDecimal.ZERO, true, 1718110007000L));
    }

    @Test
    void fundingIsANonTradeEventNeverAnExecution() {
        BybitNonTradeExecution f = only(FUNDING_EXECUTION, BybitNonTradeExecution.class);
        assertThat(f).isEqualTo(new BybitNonTradeExecution("linear", "Funding", "fund-77", "", "", "BTCUSDT",
                new BigDecimal("0.010"), new BigDecimal("64100.5"), new BigDecimal("0.0641"), "", 1718121600000L));
    }

    @ParameterizedTest
    @ValueSource(strings = {"AdlTrade", "BustTrade", "Settle", "Delivery", "BlockTrade", "trade"})
    void everyOtherExecTypeIsNonTrade(String execType) {
        BybitNonTradeExecution e = only(nonTrade(execType), BybitNonTradeExecution.class);
        assertThat(e.execType()).isEqualTo(execType);
    }

    @Test
    void walletCoinsKeepTheirOrderAndAnEmptyLockedIsAbsent() {
        BybitWalletUpdate w = only(WALLET, BybitWalletUpdate.class);
        assertThat(w.accountType()).isEqualTo("UNIFIED");
        assertThat(w.totalEquity()).isEqualByComparingTo("10250.75");
        assertThat(w.timeMs()).isEqualTo(1718110008000L);
        assertThat(w.coins()).containsExactly(
                new BybitWalletUpdate.Coin("USDT", new BigDecimal("10100.00"), new BigDecimal("10150.75"), new BigDecimal("25.5")),
                new BybitWalletUpdate.Coin("BTC", new BigDecimal("0.0015"), new BigDecimal("0.0015"), null));
    }

    @Test
    void severalItemsOfOneFrameComeOutInOrder() {
        String two = LINEAR_TRADE_EXECUTION.replace("}]}", "}," + LINEAR_TRADE_EXECUTION.substring(
                LINEAR_TRADE_EXECUTION.indexOf("[{") + 1).replace("ex-9001", "ex-9002"));
        List<PrivateEvent> events = events(two);
        assertThat(events).extracting(e -> ((BybitTradeExecution) e).execution().execId()).containsExactly("ex-9001", "ex-9002");
    }

    @Test
    void categorisedTopicsDecodeLikeTheAllInOne() {
        assertThat(only(SPOT_ORDER_FILLED.replace("\"topic\":\"order\"", "\"topic\":\"order.spot\""),
                BybitOrderUpdate.class).category()).isEqualTo("spot");
    }

    @Test
    void controlAnswersInEveryShape() {
        assertThat(decoder.decode("{\"success\":true,\"ret_msg\":\"\",\"op\":\"auth\",\"conn_id\":\"c1\"}"))
                .isEqualTo(new PrivateFrame.Control("auth", true, "", ""));
        assertThat(decoder.decode("{\"conn_id\":\"c1\",\"op\":\"auth\",\"ret_msg\":\"Params Error\",\"success\":false}"))
                .isEqualTo(new PrivateFrame.Control("auth", false, "Params Error", ""));
        assertThat(decoder.decode("{\"retCode\":10004,\"retMsg\":\"Invalid sign\",\"op\":\"auth\",\"connId\":\"c2\"}"))
                .isEqualTo(new PrivateFrame.Control("auth", false, "Invalid sign", ""));
        assertThat(decoder.decode("{\"req_id\":\"ping-3\",\"op\":\"pong\",\"args\":[\"1675418560633\"],\"conn_id\":\"c1\"}"))
                .isEqualTo(new PrivateFrame.Control("pong", true, "", "ping-3"));
        assertThat(decoder.malformedFrames()).isZero();
    }

    @Test
    void aPositionFrameCarriesSizeSideAndTheLiquidationPrice() {
        // The shape of Bybit's position-topic example (docs v5/websocket/private/position), values ours.
        String frame = """
                {"id":"p-1","topic":"position.linear","creationTime":1718110009000,"data":[{"category":"linear",
                "symbol":"BTCUSDT","side":"Sell","size":"0.010","positionIdx":0,"tradeMode":1,"positionValue":"640.1",
                "riskId":1,"riskLimitValue":"2000000","entryPrice":"64010","markPrice":"64100.5","leverage":"5",
                "positionBalance":"128.5","autoAddMargin":0,"positionIM":"128","positionMM":"3.2","liqPrice":"76500.5",
                "bustPrice":"76800","tpslMode":"Full","takeProfit":"0","stopLoss":"0","trailingStop":"0",
                "unrealisedPnl":"-0.9","curRealisedPnl":"-0.35","cumRealisedPnl":"-0.35","sessionAvgPrice":"",
                "positionStatus":"Normal","adlRankIndicator":2,"isReduceOnly":false,"createdTime":"1718110000000",
                "updatedTime":"1718110008999","seq":8172}]}""";
        BybitPositionUpdate p = only(frame, BybitPositionUpdate.class);
        assertThat(p.symbol()).isEqualTo("BTCUSDT");
        assertThat(p.side()).contains(Side.SELL);
        assertThat(p.signedSize()).isEqualByComparingTo("-0.010");
        assertThat(p.liqPrice()).isEqualByComparingTo("76500.5");
        assertThat(p.markPrice()).isEqualByComparingTo("64100.5");
        assertThat(p.entryPrice()).isEqualByComparingTo("64010");
        assertThat(p.updatedTimeMs()).isEqualTo(1718110008999L);

        // A flat position: side "" and liqPrice "" (no price at which it would be liquidated).
        BybitPositionUpdate flat = only(frame.replace("\"side\":\"Sell\"", "\"side\":\"\"").replace("\"0.010\"", "\"0\"")
                .replace("\"76500.5\"", "\"\""), BybitPositionUpdate.class);
        assertThat(flat.side()).isEmpty();
        assertThat(flat.signedSize()).isEqualByComparingTo("0");
        assertThat(flat.liqPrice()).isNull();
        assertThat(decoder.malformedFrames()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "",
            "not json",
            "[1,2]",
            "{\"topic\":\"order\"",
            "{\"topic\":\"order\",\"data\":[]} {}",
            "{\"conn_id\":\"c1\"}",
            "{\"topic\":\"greeks\",\"data\":[]}",
            "{\"topic\":\"execution.fast\",\"data\":[]}",
            "{\"topic\":\"order\",\"data\":{}}",
            "{\"topic\":\"order\",\"data\":[1]}",
            "{\"topic\":\"wallet\",\"data\":[{\"totalEquity\":\"1\"}]}"})
    void malformedFramesAreCountedNotThrown(String frame) {
        assertThat(decoder.decode(frame)).isInstanceOf(PrivateFrame.Malformed.class);
        assertThat(decoder.malformedFrames()).isEqualTo(1);
    }

    @Test
    void oneBadItemDropsTheWholeFrame() {
        String bad = LINEAR_TRADE_EXECUTION.replace("}]}", "}," + LINEAR_TRADE_EXECUTION.substring(
                LINEAR_TRADE_EXECUTION.indexOf("[{") + 1).replace("\"execQty\":\"0.010\"", "\"execQty\":0.010"));
        assertThat(decoder.decode(bad)).isInstanceOfSatisfying(PrivateFrame.Malformed.class,
                m -> assertThat(m.reason()).isEqualTo("execution: data[1].execQty must be a string"));
        assertThat(decoder.decode(LINEAR_TRADE_EXECUTION.replace("\"execQty\":\"0.010\"", "\"execQty\":\"0\"")))
                .isInstanceOf(PrivateFrame.Malformed.class);
        assertThat(decoder.decode(SPOT_ORDER_FILLED.replace("\"side\":\"Buy\"", "\"side\":\"Long\"")))
                .isInstanceOf(PrivateFrame.Malformed.class);
        assertThat(decoder.decode(null)).isInstanceOf(PrivateFrame.Malformed.class);
        assertThat(decoder.malformedFrames()).isEqualTo(4);
    }
}
