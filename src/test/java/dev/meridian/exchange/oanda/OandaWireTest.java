package dev.meridian.exchange.oanda;

import dev.meridian.exchange.JsonFields;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

import static dev.meridian.exchange.oanda.OandaFixtures.ACCOUNT;
import static dev.meridian.exchange.oanda.OandaFixtures.TIME;
import static dev.meridian.exchange.oanda.OandaFixtures.TIME_MS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** OANDA's JSON to records: exact decimals, RFC 3339 times with nanoseconds, and what counts as unusable. */
class OandaWireTest {

    @Test
    void theAccountSummaryReadsExactly() {
        OandaAccountSummary s = OandaWire.summary(new JsonObject(OandaFixtures.summary("USD", "10245.2200", "10257.5600")));
        assertThat(s).isEqualTo(new OandaAccountSummary(ACCOUNT, "USD", new BigDecimal("10245.2200"), new BigDecimal("10257.5600"),
                new BigDecimal("12.3400"), new BigDecimal("43.5000"), new BigDecimal("10214.3300"), 1, 6370L));
    }

    @Test
    void theSummarysLastTransactionIdIsTheTopLevelOneWithTheAccountsAsFallback() {
        JsonObject body = new JsonObject(OandaFixtures.summary("USD", "10245.2200", "10257.5600"));
        body.put("lastTransactionID", "6371");
        assertThat(OandaWire.summary(body).lastTransactionId()).isEqualTo(6371L);
        body.remove("lastTransactionID");
        assertThat(OandaWire.summary(body).lastTransactionId()).isEqualTo(6370L);
        body.getJsonObject("account").remove("lastTransactionID");
        assertThatThrownBy(() -> OandaWire.summary(body)).isInstanceOf(JsonFields.Malformed.class)
                .hasMessage("account.lastTransactionID is missing");
        body.put("lastTransactionID", "63x0");
        assertThatThrownBy(() -> OandaWire.summary(body)).isInstanceOf(JsonFields.Malformed.class)
                .hasMessage("lastTransactionID is not a transaction id: 63x0");
    }

    @Test
    void aFilledMarketOrderCarriesItsFill() {
        OandaPlaceResult.Created c = OandaWire.created(new JsonObject(
                OandaFixtures.filled("6372", "6373", "link-1", "1000", "1.08726", "0.0500")));
        assertThat(c.orderId()).isEqualTo("6372");
        assertThat(c.cancelReason()).isEmpty();
        assertThat(c.fill()).contains(new OandaFill("6373", "6372", "link-1", "EUR_USD", new BigDecimal("1000"),
                new BigDecimal("1.08726"), new BigDecimal("0.0500"), new BigDecimal("0.0000"), new BigDecimal("0.0700"),
                new BigDecimal("0.0000"), TIME_MS));
    }

    @Test
    void aCancelledFokOrderCarriesTheReasonAndNoFill() {
        OandaPlaceResult.Created c = OandaWire.created(new JsonObject(
                OandaFixtures.cancelled("6374", "6375", "link-2", "1000", "MARKET_HALTED")));
        assertThat(c).isEqualTo(new OandaPlaceResult.Created("6374", Optional.empty(), Optional.of("MARKET_HALTED")));
    }

    @Test
    void aFillWithoutTheDeprecatedPriceUsesFullVwapAndOnlyFillsAreFills() {
        JsonObject tx = new JsonObject(OandaFixtures.fillTx("6373", "6372", "link-1", "-1000", "1.08712", "0"));
        tx.remove("price");
        tx.put("fullVWAP", "1.08711");
        assertThat(OandaWire.fill(tx, "t").price()).isEqualByComparingTo("1.08711");
        assertThat(OandaWire.fill(tx, "t").units()).isEqualByComparingTo("-1000");
        tx.put("type", "ORDER_CANCEL");
        assertThatThrownBy(() -> OandaWire.fill(tx, "t")).isInstanceOf(JsonFields.Malformed.class)
                .hasMessage("t.type is ORDER_CANCEL, not ORDER_FILL");
    }

    // ---- transactions since an id ----

    @Test
    void aTransactionsPageReadsFillsInDetailAndOtherTypesByIdAndType() {
        OandaWire.TransactionPage page = OandaWire.transactionPage(new JsonObject(OandaFixtures.transactionsPage("6404",
                OandaFixtures.stopLossOrderTx("6374", "6373", "1.08501"),
                OandaFixtures.dailyFinancingTx("6400", "6373"),
                OandaFixtures.stopLossFillTx("6401", "6374", "6373", "-1000", "1.08501", "0.0500"),
                OandaFixtures.orderCancelTx("6402", "6375", "6373", "6401"),
                OandaFixtures.ownExitFillTx("6403", "6390", "exit-1", "6380", "-2000", "1.08530"),
                OandaFixtures.handFlipFillTx("6404", "6395", "6385", "1000", "500", "1.08540"))));

        assertThat(page.lastTransactionId()).isEqualTo(6404L);
        assertThat(page.transactions()).extracting(OandaTransaction::id).containsExactly(6374L, 6400L, 6401L, 6402L, 6403L, 6404L);
        assertThat(page.transactions().get(0)).isEqualTo(new OandaTransaction.Other(6374, "STOP_LOSS_ORDER"));
        assertThat(page.transactions().get(1)).isEqualTo(new OandaTransaction.Financing(6400, TIME_MS,
                java.util.Map.of("EUR_USD", new BigDecimal("-0.0123"))));
        assertThat(page.transactions().get(3)).isEqualTo(new OandaTransaction.Other(6402, "ORDER_CANCEL"));
        assertThat(page.transactions().get(2)).isEqualTo(new OandaTransaction.Fill(6401, new OandaFill("6401", "6374", "", "EUR_USD",
                new BigDecimal("-1000"), new BigDecimal("1.08501"), new BigDecimal("0.0500"), new BigDecimal("-0.0123"),
                new BigDecimal("0.0700"), new BigDecimal("-2.2500"), TIME_MS), "STOP_LOSS_ORDER", new BigDecimal("1000"),
                BigDecimal.ZERO, new BigDecimal("0.0000")));
        OandaTransaction.Fill own = (OandaTransaction.Fill) page.transactions().get(4);
        assertThat(own.fill().clientOrderId()).isEqualTo("exit-1");
        assertThat(own.reason()).isEqualTo("MARKET_ORDER");
        assertThat(own.closedUnits()).isEqualByComparingTo("2000");
        OandaTransaction.Fill flip = (OandaTransaction.Fill) page.transactions().get(5);
        assertThat(flip.fill().units()).isEqualByComparingTo("-1500");
        assertThat(flip.closedUnits()).isEqualByComparingTo("1000");
        assertThat(flip.openedUnits()).isEqualByComparingTo("500");
    }

    @Test
    void aReducedTradeCountsAsClosedUnitsWithTheTradesClosedWhole() {
        JsonObject tx = new JsonObject(OandaFixtures.stopLossFillTx("6401", "6374", "6373", "-1000", "1.08501", "0.0500"));
        tx.put("units", "-1400");
        tx.put("tradeReduced", new JsonObject().put("tradeID", "6377").put("units", "-400").put("price", "1.08501")
                .put("realizedPL", "-0.9000").put("financing", "0.0000"));
        tx.put("guaranteedExecutionFee", "0.3500");
        OandaTransaction.Fill f = OandaWire.orderFill(6401, tx, "t");
        assertThat(f.closedUnits()).isEqualByComparingTo("1400");
        assertThat(f.openedUnits()).isZero();
        assertThat(f.guaranteedExecutionFee()).isEqualByComparingTo("0.3500");
    }

    @Test
    void anUnreadableTransactionIsKeptWithItsIdAndOnlyAMissingIdFailsThePage() {
        JsonObject noReason = new JsonObject(OandaFixtures.stopLossFillTx("6401", "6374", "6373", "-1000", "1.08501", "0.0500"));
        noReason.remove("reason");
        JsonObject tooMuch = new JsonObject(OandaFixtures.stopLossFillTx("6402", "6375", "6376", "-1000", "1.08501", "0.0500"));
        tooMuch.getJsonArray("tradesClosed").getJsonObject(0).put("units", "-1001");
        JsonObject noType = new JsonObject(OandaFixtures.dailyFinancingTx("6403", "6373"));
        noType.remove("type");
        OandaWire.TransactionPage page = OandaWire.transactionPage(new JsonObject(OandaFixtures.transactionsPage("6404",
                noReason.encode(), tooMuch.encode(), noType.encode(), OandaFixtures.dailyFinancingTx("6404", "6373"))));

        assertThat(page.transactions()).containsExactly(
                new OandaTransaction.Unreadable(6401, "ORDER_FILL", "transactions[0].reason is missing"),
                new OandaTransaction.Unreadable(6402, "ORDER_FILL", "closed units must be 0..1000, got 1001"),
                new OandaTransaction.Unreadable(6403, "", "transactions[2].type is missing"),
                new OandaTransaction.Financing(6404, TIME_MS, java.util.Map.of("EUR_USD", new BigDecimal("-0.0123"))));

        JsonObject noId = new JsonObject(OandaFixtures.dailyFinancingTx("6405", "6373"));
        noId.remove("id");
        assertThatThrownBy(() -> OandaWire.transactionPage(new JsonObject(OandaFixtures.transactionsPage("6405", noId.encode()))))
                .isInstanceOf(JsonFields.Malformed.class).hasMessage("transactions[0].id is missing");
    }

    @Test
    void anOrderReadsItsStateClientIdAndFillingTransaction() {
        OandaOrder o = OandaWire.orderBody(new JsonObject(OandaFixtures.order("6372", "link-1", "FILLED", "-1000", "6373")));
        assertThat(o).isEqualTo(new OandaOrder("6372", "link-1", "MARKET", OandaOrder.State.FILLED,
                Optional.of(new BigDecimal("-1000")), Optional.of("6373"), Optional.empty(), Optional.empty()));
        JsonObject odd = new JsonObject(OandaFixtures.order("6372", "link-1", "EXPIRED", "1000", null));
        assertThatThrownBy(() -> OandaWire.orderBody(odd)).isInstanceOf(JsonFields.Malformed.class)
                .hasMessageContaining("order.state is not PENDING, FILLED, TRIGGERED or CANCELLED");
    }

    @Test
    void errorBodiesGiveTheRejectReasonOrTheMessage() {
        assertThat(OandaWire.error(Buffer.buffer(OandaFixtures.rejected("l", "INSUFFICIENT_MARGIN", "Insufficient margin"))))
                .isEqualTo(new OandaWire.Error("INSUFFICIENT_MARGIN", "Insufficient margin", "INSUFFICIENT_MARGIN"));
        assertThat(OandaWire.error(Buffer.buffer("{\"errorMessage\":\"Invalid value specified for 'order.instrument'\"}")))
                .isEqualTo(new OandaWire.Error("", "Invalid value specified for 'order.instrument'", ""));
        assertThat(OandaWire.error(Buffer.buffer("<html>Bad Gateway</html>"))).isEqualTo(new OandaWire.Error("", "", ""));
    }

    @Test
    void aPriceLineGivesTheBestBidAndAskTheExactMidAndTheTimeInMs() {
        OandaWire.Line l = OandaWire.line(OandaFixtures.priceLine("EUR_USD", TIME, "1.08712", "1.08727", true));
        assertThat(l).isEqualTo(new OandaWire.Price(new OandaPrice("EUR_USD", TIME_MS, new BigDecimal("1.08712"),
                new BigDecimal("1.08727"), new BigDecimal("1.087195"), true)));
        OandaWire.Line closed = OandaWire.line(OandaFixtures.priceLine("USD_JPY", TIME, "155.101", "155.113", false));
        assertThat(((OandaWire.Price) closed).price().tradeable()).isFalse();
        assertThat(((OandaWire.Price) closed).price().mid()).isEqualByComparingTo("155.107");
    }

    @Test
    void olderPriceLinesWithOnlyAStatusAreReadToo() {
        JsonObject o = new JsonObject(OandaFixtures.priceLine("EUR_USD", TIME, "1.1", "1.2", true));
        o.remove("tradeable");
        assertThat(((OandaWire.Price) OandaWire.line(o.encode())).price().tradeable()).isTrue();
        o.put("status", "non-tradeable");
        assertThat(((OandaWire.Price) OandaWire.line(o.encode())).price().tradeable()).isFalse();
    }

    @Test
    void heartbeatsAreRecognisedAndAnythingElseIsUnusable() {
        assertThat(OandaWire.line(OandaFixtures.heartbeatLine(TIME))).isInstanceOf(OandaWire.Heartbeat.class);
        assertThat(OandaWire.line("{\"type\":\"PRICE\",\"instrument\":\"EUR_USD\",\"time\":\"" + TIME + "\",\"bids\":[],\"asks\":[]}"))
                .isEqualTo(new OandaWire.Unusable("bids is empty"));
        assertThat(OandaWire.line("{\"type\":\"PRICE\",\"time\":\"" + TIME + "\"}")).isInstanceOf(OandaWire.Unusable.class);
        assertThat(OandaWire.line("{\"type\":\"PRICE\",\"instrument\":\"EUR_USD\",\"time\":\"yesterday\","
                + "\"bids\":[{\"price\":\"1\"}],\"asks\":[{\"price\":\"1\"}]}"))
                .isEqualTo(new OandaWire.Unusable("time is not an RFC 3339 time: \"yesterday\""));
        assertThat(OandaWire.line("{\"type\":\"PRICE\",\"instrument\":\"EUR_USD\",\"time\":\"" + TIME + "\","
                + "\"bids\":[{\"price\":\"-1\"}],\"asks\":[{\"price\":\"1\"}]}")).isInstanceOf(OandaWire.Unusable.class);
        assertThat(OandaWire.line("{\"type\":\"TRADE\"}")).isEqualTo(new OandaWire.Unusable("unknown type TRADE"));
        assertThat(OandaWire.line("{\"type\":\"PRI")).isEqualTo(new OandaWire.Unusable("not JSON"));
        assertThat(OandaWire.line("[1,2]")).isEqualTo(new OandaWire.Unusable("not a JSON object"));
    }

    @Test
    void minuteCandlesReadTheirMidPricesAndCompleteness() {
        List<OandaCandle> c = OandaWire.candles(new JsonObject("{\"instrument\":\"USD_JPY\",\"granularity\":\"M1\",\"candles\":["
                + "{\"complete\":true,\"volume\":42,\"time\":\"2026-12-04T14:00:00.000000000Z\","
                + "\"mid\":{\"o\":\"150.112\",\"h\":\"150.140\",\"l\":\"150.101\",\"c\":\"150.120\"}},"
                + "{\"complete\":false,\"volume\":3,\"time\":\"2026-12-04T14:01:00.000000000Z\","
                + "\"mid\":{\"o\":\"150.120\",\"h\":\"150.121\",\"l\":\"150.118\",\"c\":\"150.119\"}}]}"));
        assertThat(c).containsExactly(
                new OandaCandle(java.time.Instant.parse("2026-12-04T14:00:00Z").toEpochMilli(), new BigDecimal("150.112"),
                        new BigDecimal("150.140"), new BigDecimal("150.101"), new BigDecimal("150.120"), 42, true),
                new OandaCandle(java.time.Instant.parse("2026-12-04T14:01:00Z").toEpochMilli(), new BigDecimal("150.120"),
                        new BigDecimal("150.121"), new BigDecimal("150.118"), new BigDecimal("150.119"), 3, false));
        // A high below the open is no candle: named, not repaired.
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> OandaWire.candles(new JsonObject("{\"candles\":[{\"complete\":true,"
                + "\"volume\":1,\"time\":\"2026-12-04T14:00:00Z\",\"mid\":{\"o\":\"2\",\"h\":\"1\",\"l\":\"1\",\"c\":\"1\"}}]}")))
                .hasMessageContaining("candles[0]");
    }
}
