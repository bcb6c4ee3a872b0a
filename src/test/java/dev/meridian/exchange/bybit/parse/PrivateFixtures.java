package dev.meridian.exchange.bybit.parse;

/**
 * Private-stream frames written for our tests from the field lists of the reference (section 3,
 * private topics). Bybit's docs carry no spot order example, so the spot shapes here are our own
 * reading of those lists: amounts as strings, {@code updatedTime}/{@code execTime} as string ms,
 * {@code creationTime} as a number.
 */
public final class PrivateFixtures {
    private PrivateFixtures() {
    }

    /** A spot buy filled in one go; its fee is charged in BTC and reported in {@code cumFeeDetail}. */
    public static final String SPOT_ORDER_FILLED = """
            {"id":"5923240c6880ab-c59f-420b-9adb-3639adc9dd90","topic":"order","creationTime":1718110005123,
             "data":[{"category":"spot","symbol":"BTCUSDT","orderId":"1771311418924418816","orderLinkId":"mrd-7f3a",
               "side":"Buy","orderStatus":"Filled","cancelType":"UNKNOWN","rejectReason":"EC_NoError",
               "price":"64210.5","qty":"0.002","avgPrice":"64210.5","leavesQty":"0","leavesValue":"0",
               "cumExecQty":"0.002","cumExecValue":"128.421","cumExecFee":"0.0000015","cumFeeDetail":{"BTC":"0.000002"},
               "timeInForce":"GTC","orderType":"Limit","marketUnit":"","positionIdx":0,"reduceOnly":false,
               "createdTime":"1718110004001","updatedTime":"1718110005100"}]}""";

    /** A linear order just accepted: no fill, so {@code avgPrice} empty and no {@code cumFeeDetail}. */
    public static final String LINEAR_ORDER_NEW = """
            {"id":"a1","topic":"order","creationTime":1718110006000,
             "data":[{"category":"linear","symbol":"ETHUSDT","orderId":"e-100","orderLinkId":"mrd-e100",
               "side":"Sell","orderStatus":"New","cancelType":"UNKNOWN","rejectReason":"EC_NoError",
               "price":"3500.10","qty":"0.50","avgPrice":"","leavesQty":"0.50","leavesValue":"1750.05",
               "cumExecQty":"0","cumExecValue":"0","cumExecFee":"0","timeInForce":"PostOnly","orderType":"Limit",
               "positionIdx":0,"reduceOnly":false,"createdTime":"1718110005990","updatedTime":"1718110005995"}]}""";

    /**
     * The cancel/fill race of the reference: the fill's {@code Filled}, then a second {@code Filled} for
     * the same order answering our cancel, with {@code cancelType=CancelByUser} and
     * {@code rejectReason=EC_OrigClOrdIDDoesNotExist}.
     */
    public static final String RACE_FILLED_FIRST = linearFilled("UNKNOWN", "EC_NoError", "1718110007001");
    public static final String RACE_FILLED_SECOND = linearFilled("CancelByUser", "EC_OrigClOrdIDDoesNotExist", "1718110007009");

    private static String linearFilled(String cancelType, String rejectReason, String updatedTime) {
        return """
                {"id":"r-%s","topic":"order","creationTime":%s,
                 "data":[{"category":"linear","symbol":"BTCUSDT","orderId":"b-200","orderLinkId":"mrd-b200",
                   "side":"Buy","orderStatus":"Filled","cancelType":"%s","rejectReason":"%s",
                   "price":"64000","qty":"0.010","avgPrice":"64000","leavesQty":"0","leavesValue":"0",
                   "cumExecQty":"0.010","cumExecValue":"640","cumExecFee":"0.128","cumFeeDetail":{"USDT":"0.128"},
                   "timeInForce":"GTC","orderType":"Limit","positionIdx":0,"reduceOnly":false,
                   "createdTime":"1718110006500","updatedTime":"%s"}]}""".formatted(updatedTime, updatedTime,
                cancelType, rejectReason, updatedTime);
    }

    /** A maker fill of the linear race order above. */
    public static final String LINEAR_TRADE_EXECUTION = """
            {"id":"x1","topic":"execution","creationTime":1718110007002,
             "data":[{"category":"linear","symbol":"BTCUSDT","execId":"ex-9001","execPrice":"64000","execQty":"0.010",
               "execFee":"-0.064","feeRate":"-0.0001","feeCurrency":"","execType":"Trade","execValue":"640",
               "execTime":"1718110007000","isMaker":true,"orderId":"b-200","orderLinkId":"mrd-b200",
               "orderPrice":"64000","orderQty":"0.010","leavesQty":"0","closedSize":"0","execPnl":"0","seq":4501,
               "markPrice":"64001.2","markIv":"","tradeIv":"","indexPrice":"","underlyingPrice":""}]}""";

    /** A spot market buy filled in one execution; Bybit takes the 0.1 % fee from the bought BTC. */
    public static final String SPOT_BUY_EXECUTION = """
            {"id":"x2","topic":"execution","creationTime":1718110008002,
             "data":[{"category":"spot","symbol":"BTCUSDT","execId":"sp-1","execPrice":"64000","execQty":"0.000156",
               "execFee":"0.000000156","feeRate":"0.001","feeCurrency":"BTC","execType":"Trade","execValue":"9.984",
               "execTime":"1718110008000","isMaker":false,"orderId":"s-1","orderLinkId":"mer-0123456789abcdef0123456789abcdef",
               "orderPrice":"","orderQty":"0.000156","leavesQty":"0","closedSize":"","execPnl":"","seq":77,
               "markPrice":"","markIv":"","tradeIv":"","indexPrice":"","underlyingPrice":""}]}""";

    /** A funding settlement: an execution of no order of ours. */
    public static final String FUNDING_EXECUTION = nonTrade("Funding");

    /** An execution of {@code execType} that is not a fill of our order. */
    public static String nonTrade(String execType) {
        return """
                {"id":"f1","topic":"execution","creationTime":1718121600010,
                 "data":[{"category":"linear","symbol":"BTCUSDT","execId":"fund-77","execPrice":"64100.5","execQty":"0.010",
                   "execFee":"0.0641","feeRate":"0.0001","feeCurrency":"","execType":"%s","execValue":"641.005",
                   "execTime":"1718121600000","isMaker":false,"orderId":"","orderLinkId":"",
                   "orderPrice":"0","orderQty":"0","leavesQty":"0","closedSize":"0","execPnl":"0","seq":4502,
                   "markPrice":"64100.5","markIv":"","tradeIv":"","indexPrice":"","underlyingPrice":""}]}""".formatted(execType);
    }

    /** A unified account with two coins; {@code locked} is sent empty for a coin with no spot orders. */
    public static final String WALLET = """
            {"id":"w1","topic":"wallet","creationTime":1718110008000,
             "data":[{"accountType":"UNIFIED","accountIMRate":"0.01","accountMMRate":"0.005","totalEquity":"10250.75",
               "totalWalletBalance":"10200.00","totalMarginBalance":"10250.75","totalAvailableBalance":"9800.00",
               "totalPerpUPL":"50.75","totalInitialMargin":"450.75","totalMaintenanceMargin":"100.00",
               "coin":[{"coin":"USDT","equity":"10150.75","usdValue":"10150.75","walletBalance":"10100.00",
                        "locked":"25.5","borrowAmount":"0","spotBorrow":"0","unrealisedPnl":"50.75","cumRealisedPnl":"12.3"},
                       {"coin":"BTC","equity":"0.0015","usdValue":"96.0","walletBalance":"0.0015",
                        "locked":"","borrowAmount":"0","spotBorrow":"0","unrealisedPnl":"0","cumRealisedPnl":"0"}]}]}""";
}
