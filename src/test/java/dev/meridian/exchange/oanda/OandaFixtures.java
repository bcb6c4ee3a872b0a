package dev.meridian.exchange.oanda;

/**
 * OANDA v20 answers written from the facts of the exchange reference (§8: account summary,
 * order creation with its create/fill/cancel/reject transactions, errors, price and heartbeat
 * lines). Decimals are strings and counts numbers, as OANDA sends them. Ids and amounts are made up.
 */
final class OandaFixtures {
    private OandaFixtures() {
    }

    static final String ACCOUNT = "101-004-1234567-001";
    static final String TOKEN = "test-token-abc";
    static final String TIME = "2024-05-14T09:30:01.123456789Z";
    /** {@link #TIME} in epoch ms (the nanoseconds cut). */
    static final long TIME_MS = 1_715_679_001_123L;

    static String summary(String currency, String balance, String nav) {
        return """
                {"account":{"id":"%s","alias":"Primary","currency":"%s","balance":"%s","NAV":"%s","unrealizedPL":"12.3400",
                "pl":"-3.2100","resettablePL":"-3.2100","financing":"-0.0412","commission":"0.0000","marginRate":"0.02",
                "marginUsed":"43.5000","marginAvailable":"10214.3300","positionValue":"2175.0000","openTradeCount":1,
                "openPositionCount":1,"pendingOrderCount":2,"hedgingEnabled":false,"lastTransactionID":"6370"},
                "lastTransactionID":"6370"}""".formatted(ACCOUNT, currency, balance, nav);
    }

    static String createTx(String orderId, String clientId, String type, String units) {
        return """
                {"type":"%s_ORDER","instrument":"EUR_USD","units":"%s","timeInForce":"FOK","positionFill":"DEFAULT",
                "reason":"CLIENT_ORDER","clientExtensions":{"id":"%s"},"id":"%s","accountID":"%s","userID":1234567,
                "batchID":"%s","requestID":"24910583000000001","time":"%s"}""".formatted(type, units, clientId, orderId, ACCOUNT,
                orderId, TIME);
    }

    static String fillTx(String txId, String orderId, String clientId, String units, String price, String commission) {
        return """
                {"type":"ORDER_FILL","orderID":"%s","clientOrderID":"%s","instrument":"EUR_USD","units":"%s","price":"%s",
                "fullVWAP":"%s","fullPrice":{"type":"PRICE","bids":[{"price":"1.08712","liquidity":"10000000"}],
                "asks":[{"price":"1.08726","liquidity":"10000000"}],"closeoutBid":"1.08712","closeoutAsk":"1.08726"},
                "reason":"MARKET_ORDER","pl":"0.0000","financing":"0.0000","commission":"%s","guaranteedExecutionFee":"0.0000",
                "accountBalance":"10257.5200","tradeOpened":{"tradeID":"%s","units":"%s","price":"%s","halfSpreadCost":"0.0700"},
                "halfSpreadCost":"0.0700","id":"%s","accountID":"%s","userID":1234567,"batchID":"%s","time":"%s"}"""
                .formatted(orderId, clientId, units, price, price, commission, txId, units, price, txId, ACCOUNT, orderId, TIME);
    }

    /** The 201 of a market order that filled. */
    static String filled(String orderId, String txId, String clientId, String units, String price, String commission) {
        return """
                {"orderCreateTransaction":%s,"orderFillTransaction":%s,"relatedTransactionIDs":["%s","%s"],"lastTransactionID":"%s"}"""
                .formatted(createTx(orderId, clientId, "MARKET", units), fillTx(txId, orderId, clientId, units, price, commission),
                        orderId, txId, txId);
    }

    /** The 201 of a FOK market order that OANDA cancelled. */
    static String cancelled(String orderId, String txId, String clientId, String units, String reason) {
        return """
                {"orderCreateTransaction":%s,"orderCancelTransaction":{"type":"ORDER_CANCEL","orderID":"%s","clientOrderID":"%s",
                "reason":"%s","id":"%s","accountID":"%s","userID":1234567,"batchID":"%s","time":"%s"},
                "relatedTransactionIDs":["%s","%s"],"lastTransactionID":"%s"}"""
                .formatted(createTx(orderId, clientId, "MARKET", units), orderId, clientId, reason, txId, ACCOUNT, orderId, TIME,
                        orderId, txId, txId);
    }

    /** A 400/404 with an order reject transaction. */
    static String rejected(String clientId, String rejectReason, String errorMessage) {
        return """
                {"orderRejectTransaction":{"type":"MARKET_ORDER_REJECT","instrument":"EUR_USD","units":"1000","timeInForce":"FOK",
                "positionFill":"DEFAULT","reason":"CLIENT_ORDER","clientExtensions":{"id":"%s"},"rejectReason":"%s","id":"6380",
                "accountID":"%s","userID":1234567,"batchID":"6380","time":"%s"},"relatedTransactionIDs":["6380"],
                "lastTransactionID":"6380","errorCode":"%s","errorMessage":"%s"}"""
                .formatted(clientId, rejectReason, ACCOUNT, TIME, rejectReason, errorMessage);
    }

    /** {@code GET .../orders/{specifier}}. {@code fillingTx} may be null (not filled). */
    static String order(String id, String clientId, String state, String units, String fillingTx) {
        String filling = fillingTx == null ? "" : ",\"fillingTransactionID\":\"" + fillingTx + "\",\"filledTime\":\"" + TIME + "\"";
        String cancelling = "CANCELLED".equals(state) ? ",\"cancellingTransactionID\":\"6399\",\"cancelledTime\":\"" + TIME + "\"" : "";
        return """
                {"order":{"id":"%s","createTime":"%s","type":"MARKET","instrument":"EUR_USD","units":"%s","timeInForce":"FOK",
                "positionFill":"DEFAULT","state":"%s","clientExtensions":{"id":"%s"}%s%s},"lastTransactionID":"6400"}"""
                .formatted(id, TIME, units, state, clientId, filling, cancelling);
    }

    /** {@code GET .../transactions/{id}} of a fill. */
    static String transaction(String txId, String orderId, String clientId, String units, String price, String commission) {
        return "{\"transaction\":" + fillTx(txId, orderId, clientId, units, price, commission) + ",\"lastTransactionID\":\"6400\"}";
    }

    static String priceLine(String instrument, String time, String bid, String ask, boolean tradeable) {
        return """
                {"type":"PRICE","time":"%s","bids":[{"price":"%s","liquidity":10000000},{"price":"0.5","liquidity":5000000}],\
                "asks":[{"price":"%s","liquidity":10000000},{"price":"9.5","liquidity":5000000}],"closeoutBid":"%s",\
                "closeoutAsk":"%s","status":"%s","tradeable":%s,"instrument":"%s"}"""
                .formatted(time, bid, ask, bid, ask, tradeable ? "tradeable" : "non-tradeable", tradeable, instrument);
    }

    static String heartbeatLine(String time) {
        return "{\"type\":\"HEARTBEAT\",\"time\":\"" + time + "\"}";
    }
}
