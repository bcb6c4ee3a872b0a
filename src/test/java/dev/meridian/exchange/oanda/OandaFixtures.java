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

    // ---- transactions since an id (GET .../transactions/sinceid) ----

    /** A page of {@code GET .../transactions/sinceid}: the transactions given, oldest first. */
    static String transactionsPage(String lastTransactionId, String... transactions) {
        return "{\"transactions\":[" + String.join(",", transactions) + "],\"lastTransactionID\":\"" + lastTransactionId + "\"}";
    }

    /**
     * The fill of the stop loss attached to trade {@code tradeId} (an order without client id, created
     * ON_FILL): it closes the whole trade. {@code units} is signed as the closing side (-1000 closes a long).
     */
    static String stopLossFillTx(String txId, String orderId, String tradeId, String units, String price, String commission) {
        return """
                {"type":"ORDER_FILL","orderID":"%s","instrument":"EUR_USD","units":"%s","requestedUnits":"%s","price":"%s",
                "pl":"-2.2500","quotePL":"-2.2500","financing":"-0.0123","baseFinancing":"-0.01231234","commission":"%s",
                "accountBalance":"10255.2077","gainQuoteHomeConversionFactor":"1","lossQuoteHomeConversionFactor":"1",
                "guaranteedExecutionFee":"0.0000","quoteGuaranteedExecutionFee":"0","halfSpreadCost":"0.0700",
                "fullVWAP":"%s","reason":"STOP_LOSS_ORDER",
                "tradesClosed":[{"tradeID":"%s","units":"%s","realizedPL":"-2.2500","financing":"-0.0123","baseFinancing":"-0.01231234",
                "price":"%s","guaranteedExecutionFee":"0.0000","quoteGuaranteedExecutionFee":"0","halfSpreadCost":"0.0700"}],
                "fullPrice":{"closeoutBid":"1.08494","closeoutAsk":"1.08508","timestamp":"%s",
                "bids":[{"price":"1.08501","liquidity":"10000000"}],"asks":[{"price":"1.08515","liquidity":"10000000"}]},
                "id":"%s","accountID":"%s","userID":1234567,"batchID":"%s","requestID":"1789","time":"%s"}"""
                .formatted(orderId, units, units, price, commission, price, tradeId, units, price, TIME, txId, ACCOUNT, txId, TIME);
    }

    /** The fill of one of our client orders (a reduce-only market exit) that closes trade {@code tradeId}. */
    static String ownExitFillTx(String txId, String orderId, String clientId, String tradeId, String units, String price) {
        return """
                {"type":"ORDER_FILL","orderID":"%s","clientOrderID":"%s","instrument":"EUR_USD","units":"%s","requestedUnits":"%s",
                "price":"%s","pl":"1.1000","financing":"0.0000","commission":"0.0500","accountBalance":"10258.6700",
                "guaranteedExecutionFee":"0.0000","halfSpreadCost":"0.0700","fullVWAP":"%s","reason":"MARKET_ORDER",
                "tradesClosed":[{"tradeID":"%s","units":"%s","realizedPL":"1.1000","financing":"0.0000","price":"%s",
                "guaranteedExecutionFee":"0.0000","halfSpreadCost":"0.0700"}],
                "id":"%s","accountID":"%s","userID":1234567,"batchID":"%s","requestID":"1790","time":"%s"}"""
                .formatted(orderId, clientId, units, units, price, price, tradeId, units, price, txId, ACCOUNT, orderId, TIME);
    }

    /**
     * A hand order (no client id, reason MARKET_ORDER) that sold {@code closed + opened} units of
     * EUR_USD: it closed trade {@code tradeId} ({@code closed} units) and opened a short of
     * {@code opened} units we did not ask for.
     */
    static String handFlipFillTx(String txId, String orderId, String tradeId, String closed, String opened, String price) {
        String units = "-" + (Long.parseLong(closed) + Long.parseLong(opened));
        return """
                {"type":"ORDER_FILL","orderID":"%s","instrument":"EUR_USD","units":"%s","requestedUnits":"%s","price":"%s",
                "pl":"0.4000","financing":"0.0000","commission":"0.0750","accountBalance":"10257.9950",
                "guaranteedExecutionFee":"0.0000","halfSpreadCost":"0.1050","fullVWAP":"%s","reason":"MARKET_ORDER",
                "tradesClosed":[{"tradeID":"%s","units":"-%s","realizedPL":"0.4000","financing":"0.0000","price":"%s",
                "guaranteedExecutionFee":"0.0000","halfSpreadCost":"0.0700"}],
                "tradeOpened":{"tradeID":"%s","units":"-%s","price":"%s","guaranteedExecutionFee":"0.0000","halfSpreadCost":"0.0350",
                "initialMarginRequired":"10.8500"},
                "id":"%s","accountID":"%s","userID":1234567,"batchID":"%s","requestID":"1791","time":"%s"}"""
                .formatted(orderId, units, units, price, price, tradeId, closed, price, txId, opened, price, txId, ACCOUNT, orderId, TIME);
    }

    /** The stop loss OANDA creates on a fill (the order, not its fill). */
    static String stopLossOrderTx(String txId, String tradeId, String price) {
        return """
                {"type":"STOP_LOSS_ORDER","tradeID":"%s","price":"%s","timeInForce":"GTC","triggerCondition":"DEFAULT",
                "reason":"ON_FILL","id":"%s","accountID":"%s","userID":1234567,"batchID":"%s","requestID":"1788","time":"%s"}"""
                .formatted(tradeId, price, txId, ACCOUNT, tradeId, TIME);
    }

    /** An order cancelled because its trade closed (the take profit left over after a stop filled). */
    static String orderCancelTx(String txId, String orderId, String closedTradeId, String closeTxId) {
        return """
                {"type":"ORDER_CANCEL","orderID":"%s","reason":"LINKED_TRADE_CLOSED","closedTradeID":"%s",
                "tradeCloseTransactionID":"%s","id":"%s","accountID":"%s","userID":1234567,"batchID":"%s","time":"%s"}"""
                .formatted(orderId, closedTradeId, closeTxId, txId, ACCOUNT, closeTxId, TIME);
    }

    /** The daily financing of the open EUR_USD trade {@code tradeId}. */
    static String dailyFinancingTx(String txId, String tradeId) {
        return """
                {"type":"DAILY_FINANCING","financing":"-0.0123","accountBalance":"10257.5077","accountFinancingMode":"DAILY",
                "positionFinancings":[{"instrument":"EUR_USD","financing":"-0.0123","openTradeFinancings":[
                {"tradeID":"%s","financing":"-0.0123"}]}],
                "id":"%s","accountID":"%s","userID":1234567,"batchID":"%s","time":"%s"}"""
                .formatted(tradeId, txId, ACCOUNT, txId, TIME);
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
