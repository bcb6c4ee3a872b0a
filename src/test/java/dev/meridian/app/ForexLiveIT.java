package dev.meridian.app;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bot (the real jar) with OANDA fakes: WireMock plays OANDA's REST API (and Bybit's, which live
 * mode reads too), a local chunked HTTP server plays the pricing stream. With credentials the
 * FOREX pairs stream (prices and heartbeats, through a malformed line and a dropped connection)
 * and show in /api/status with OANDA's bid and ask, and the OANDA venue is ready. Without them
 * FOREX is idle and /api/status says which variables to set.
 */
class ForexLiveIT {
    private static final String ACCOUNT = "101-004-1234567-001";
    @TempDir Path tmp;
    private Vertx vertx;
    private WireMockServer rest;
    private HttpServer stream;
    private final List<HttpServerResponse> open = new CopyOnWriteArrayList<>();
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger sent = new AtomicInteger();
    private long timer;
    /** False when a test streams only its script (prices of its own time line). */
    private volatile boolean generate = true;
    /** Lines to stream instead of the generated prices, 100 per tick, when a test scripts them. */
    private final java.util.concurrent.ConcurrentLinkedDeque<String> script = new java.util.concurrent.ConcurrentLinkedDeque<>();

    @BeforeEach
    void fakes() throws Exception {
        BotProcess.openForTraversal(tmp);
        vertx = Vertx.vertx();
        rest = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        rest.start();
        String empty = "{\"retCode\":0,\"retMsg\":\"OK\",\"result\":{\"category\":\"spot\",\"list\":[],\"nextPageCursor\":\"\"},\"retExtInfo\":{},\"time\":1}";
        rest.stubFor(get(urlPathMatching("/v5/market/.*")).willReturn(okJson(empty)));
        rest.stubFor(get(urlPathEqualTo("/v3/accounts/" + ACCOUNT + "/summary")).willReturn(okJson(new JsonObject()
                .put("account", new JsonObject().put("id", ACCOUNT).put("currency", "USD").put("balance", "5000.0000")
                        .put("NAV", "5000.0000").put("unrealizedPL", "0.0000").put("pl", "0.0000").put("marginUsed", "0.0000")
                        .put("marginAvailable", "5000.0000").put("openTradeCount", 0).put("openPositionCount", 0)
                        .put("pendingOrderCount", 0).put("lastTransactionID", "17"))
                .put("lastTransactionID", "17").encode())));
        // Two complete minutes of history per pair (and the minute in progress, which is not used).
        long minute = Math.floorDiv(System.currentTimeMillis(), 60_000L) * 60_000L;
        for (String pair : List.of("EUR_USD", "USD_JPY")) {
            String o = pair.equals("EUR_USD") ? "1.08400" : "150.000";
            io.vertx.core.json.JsonArray candles = new io.vertx.core.json.JsonArray();
            for (int k = 3; k >= 1; k--) {
                candles.add(new JsonObject().put("complete", k > 1).put("volume", 10 + k).put("time", Instant.ofEpochMilli(minute - k * 60_000L).toString())
                        .put("mid", new JsonObject().put("o", o).put("h", o).put("l", o).put("c", o)));
            }
            rest.stubFor(get(urlPathEqualTo("/v3/instruments/" + pair + "/candles")).willReturn(okJson(new JsonObject()
                    .put("instrument", pair).put("granularity", "M1").put("candles", candles).encode())));
        }
        rest.stubFor(get(urlPathMatching("/v3/accounts/" + ACCOUNT + "/transactions/sinceid")).willReturn(okJson(
                "{\"transactions\":[],\"lastTransactionID\":\"17\"}")));
        rest.stubFor(get(urlPathMatching("/v3/accounts/" + ACCOUNT + "/pendingOrders")).willReturn(okJson(
                "{\"orders\":[],\"lastTransactionID\":\"17\"}")));
        // The stream: a price of each pair every 50 ms, a heartbeat every 10th line, and a malformed line every 40th.
        stream = vertx.createHttpServer().requestHandler(req -> {
            if (!req.path().equals("/v3/accounts/" + ACCOUNT + "/pricing/stream")
                    || !("Bearer it-oanda-token").equals(req.getHeader("Authorization"))) {
                req.response().setStatusCode(401).end("{\"errorMessage\":\"Insufficient authorization to perform request.\"}");
                return;
            }
            connections.incrementAndGet();
            HttpServerResponse r = req.response().setChunked(true).putHeader("Content-Type", "application/octet-stream");
            open.add(r);
            r.closeHandler(v -> open.remove(r));
        }).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get();
        timer = vertx.setPeriodic(50, id -> {
            if (!script.isEmpty()) {
                if (open.isEmpty()) return;
                StringBuilder batch = new StringBuilder();
                for (int k = 0; k < 100 && !script.isEmpty(); k++) batch.append(script.poll()).append('\n');
                for (HttpServerResponse r : open) r.write(batch.toString());
                return;
            }
            if (!generate) return;
            int n = sent.incrementAndGet();
            String time = Instant.now().toString();
            String line;
            if (n % 40 == 25) line = "{\"type\":\"PRICE\",\"instrument\":\"EUR_USD\",\"bids\":[{\"price\":\"not-a-price\"}]}";
            else if (n % 10 == 0) line = "{\"type\":\"HEARTBEAT\",\"time\":\"" + time + "\"}";
            else {
                boolean eur = n % 2 == 0;
                BigDecimal bid = eur ? new BigDecimal("1.08500").add(new BigDecimal("0.00001").multiply(BigDecimal.valueOf(n % 7)))
                        : new BigDecimal("150.120");
                BigDecimal ask = bid.add(eur ? new BigDecimal("0.00012") : new BigDecimal("0.015"));
                line = new JsonObject().put("type", "PRICE").put("instrument", eur ? "EUR_USD" : "USD_JPY").put("time", time)
                        .put("status", "tradeable").put("tradeable", true)
                        .put("bids", new io.vertx.core.json.JsonArray().add(new JsonObject().put("price", bid.toPlainString()).put("liquidity", 10000000)))
                        .put("asks", new io.vertx.core.json.JsonArray().add(new JsonObject().put("price", ask.toPlainString()).put("liquidity", 10000000)))
                        .put("closeoutBid", bid.toPlainString()).put("closeoutAsk", ask.toPlainString()).encode();
            }
            for (HttpServerResponse r : open) r.write(line + "\n");
        });
    }

    @AfterEach
    void stopFakes() throws Exception {
        vertx.cancelTimer(timer);
        rest.stop();
        stream.close().toCompletionStage().toCompletableFuture().get();
        vertx.close().toCompletionStage().toCompletableFuture().get();
    }

    private Map<String, String> env(boolean credentials) {
        Map<String, String> env = new java.util.HashMap<>(Map.of(
                "MERIDIAN_BYBIT_WS_URL", "ws://127.0.0.1:9", "MERIDIAN_BYBIT_REST_URL", "http://127.0.0.1:" + rest.port(),
                "MERIDIAN_OANDA_URL", "http://127.0.0.1:" + rest.port(),
                "MERIDIAN_OANDA_STREAM_URL", "http://127.0.0.1:" + stream.actualPort()));
        if (credentials) {
            env.put("MERIDIAN_OANDA_TOKEN", "it-oanda-token");
            env.put("MERIDIAN_OANDA_ACCOUNT", ACCOUNT);
        }
        return env;
    }

    private static JsonObject symbol(JsonObject status, String symbol) {
        return status.getJsonArray("symbols").stream().map(JsonObject.class::cast)
                .filter(x -> x.getString("symbol").equals(symbol) && x.getString("asset_class").equals("FOREX")).findFirst().orElse(null);
    }

    @Test
    void withCredentialsTheForexPairsStreamThroughADropAndTheOandaVenueIsReady() throws Exception {
        try (BotProcess bot = BotProcess.start(tmp.resolve("state"), tmp, env(true), "run")) {
            JsonObject s = bot.awaitStatus(st -> symbol(st, "EUR_USD") != null && symbol(st, "USD_JPY") != null
                    && symbol(st, "USD_JPY").getValue("best_bid") != null, Duration.ofMinutes(2));
            assertThat(new BigDecimal(symbol(s, "USD_JPY").getValue("best_bid").toString())).isEqualByComparingTo("150.120");
            assertThat(new BigDecimal(symbol(s, "USD_JPY").getValue("best_ask").toString())).isEqualByComparingTo("150.135");
            assertThat(s.getJsonArray("live_venues").stream().map(JsonObject.class::cast)
                    .filter(v -> v.getString("name").equals("oanda")).findFirst().orElseThrow().getBoolean("ready")).isTrue();
            // The history warmed the pair up: its two complete minutes are the first bars the market holds.
            io.vertx.core.json.JsonArray bars = bot.api("/api/bars?symbol=USD_JPY&asset_class=FOREX&timeframe_sec=60&limit=10").getJsonArray("bars");
            assertThat(bars.size()).isGreaterThanOrEqualTo(2);
            assertThat(new BigDecimal(bars.getJsonObject(0).getValue("close").toString())).isEqualByComparingTo("150.000");

            // The connection drops: the bot reconnects and the prices flow again.
            int before = connections.get();
            for (HttpServerResponse r : open) r.reset();
            long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (connections.get() == before && System.nanoTime() < end) Thread.sleep(50);
            assertThat(connections.get()).as("reconnected").isGreaterThan(before);
            JsonObject after = bot.awaitStatus(st -> st.getJsonArray("market_data").getJsonObject(0).getJsonObject("counters")
                    .getLong("oanda_reconnects", 0L) >= 1, Duration.ofSeconds(30));
            // A malformed line (one in 40) is counted and dropped; the prices around it flow.
            after = bot.awaitStatus(st -> st.getJsonArray("market_data").getJsonObject(0).getJsonObject("counters")
                    .getLong("oanda_malformed_lines", 0L) >= 1, Duration.ofSeconds(30));
            assertThat(symbol(after, "EUR_USD").getBoolean("stale")).isFalse();
            assertThat(bot.logText()).doesNotContain("SEVERE");
        }
    }

    @Test
    void withoutCredentialsForexIsIdleAndTheStatusSaysWhatToSet() throws Exception {
        try (BotProcess bot = BotProcess.start(tmp.resolve("state"), tmp, env(false), "run")) {
            bot.awaitStatus(st -> st.getBoolean("live", false), Duration.ofMinutes(2));
            assertThat(bot.put("/api/funds", BotProcess.TOKEN, "{\"asset_classes\": {\"FOREX\": true}}").statusCode()).isEqualTo(200);
            JsonObject s = bot.awaitStatus(st -> st.getJsonObject("asset_classes").getJsonObject("FOREX").getBoolean("enabled"),
                    Duration.ofSeconds(30));
            assertThat(s.getJsonObject("asset_classes").getJsonObject("FOREX").getString("idle_reason"))
                    .isEqualTo("no OANDA credentials: set MERIDIAN_OANDA_TOKEN and MERIDIAN_OANDA_ACCOUNT to stream and trade [EUR_USD, USD_JPY]");
            assertThat(connections.get()).isZero();
            assertThat(s.getJsonArray("live_venues").stream().map(JsonObject.class::cast).map(v -> v.getString("name")))
                    .doesNotContain("oanda");
        }
    }

    /**
     * The synthetic USD_JPY bars ({@link ForexBars}) as OANDA price lines, four a bar (open, high, low,
     * close, a minute apart from the bar's start), bid and ask 0.5 pip either side of the price.
     */
    private static List<String> scriptedPrices() throws Exception {
        List<String> out = new java.util.ArrayList<>();
        List<String> rows = java.nio.file.Files.readAllLines(ForexBars.FILE);
        BigDecimal half = new BigDecimal("0.005");
        for (String row : rows.subList(1, rows.size())) {
            String[] f = row.split(",");
            Instant start = Instant.parse(f[0]);
            for (int k = 0; k < 4; k++) {
                BigDecimal mid = new BigDecimal(f[1 + k]);
                out.add(new JsonObject().put("type", "PRICE").put("instrument", "USD_JPY").put("time", start.plusSeconds(60L * k).toString())
                        .put("tradeable", true).put("status", "tradeable")
                        .put("bids", new io.vertx.core.json.JsonArray().add(new JsonObject().put("price", mid.subtract(half).toPlainString())
                                .put("liquidity", 10000000)))
                        .put("asks", new io.vertx.core.json.JsonArray().add(new JsonObject().put("price", mid.add(half).toPlainString())
                                .put("liquidity", 10000000))).encode());
            }
        }
        return out;
    }

    @Test
    void paperTradesTheStreamedPairInWholeUnitsBookedInUsdAndOpensNothingInTheWeekendClosure() throws Exception {
        BotProcess.writeConf(tmp, conf -> {
            conf.getJsonObject("asset_allocation_usd").put("FOREX", 50000);
            conf.getJsonObject("oanda").put("instruments", new io.vertx.core.json.JsonArray().add("USD_JPY"));
        });
        List<String> prices = scriptedPrices();
        // Only the script's prices, from 2024, and no history from now: event time must not run backwards.
        generate = false;
        rest.stubFor(get(urlPathEqualTo("/v3/instruments/USD_JPY/candles")).atPriority(1).willReturn(okJson("{\"candles\":[]}")));
        try (BotProcess bot = BotProcess.start(tmp.resolve("state"), tmp, env(true), "run")) {
            bot.awaitStatus(st -> st.getBoolean("live", false), Duration.ofMinutes(2));
            assertThat(bot.put("/api/funds", BotProcess.TOKEN, "{\"asset_classes\": {\"FOREX\": true}}").statusCode()).isEqualTo(200);
            script.addAll(prices);
            long end = System.nanoTime() + Duration.ofMinutes(5).toNanos();
            long processed = 0;
            while (System.nanoTime() < end) {
                processed = bot.api("/api/status").getJsonArray("market_data").getJsonObject(0).getLong("events_processed");
                if (script.isEmpty() && processed >= prices.size()) break;
                Thread.sleep(200);
            }
            assertThat(processed).as("every streamed price became a tick").isGreaterThanOrEqualTo(prices.size());
            Thread.sleep(1_000);
            io.vertx.core.json.JsonArray trades = bot.api("/api/trades?limit=10000").getJsonArray("trades");
            System.out.println("ForexLiveIT: " + prices.size() + " OANDA prices streamed, " + trades.size() + " paper FOREX trades booked");
            assertThat(trades).as("the strategy trades the streamed pair").isNotEmpty();
            // Friday 22:00 to Sunday 22:00 UTC, in minutes from Monday 00:00.
            dev.meridian.config.WeeklyWindow closed = new dev.meridian.config.WeeklyWindow(4 * 1440 + 22 * 60, 6 * 1440 + 22 * 60);
            for (Object o : trades) {
                JsonObject t = (JsonObject) o;
                assertThat(t.getString("asset_class")).isEqualTo("FOREX");
                assertThat(t.getString("symbol")).isEqualTo("USD_JPY");
                assertThat(t.getBoolean("paper")).isTrue();
                BigDecimal qty = new BigDecimal(t.getValue("qty").toString());
                assertThat(qty.stripTrailingZeros().scale()).as("whole units").isLessThanOrEqualTo(0);
                assertThat(closed.contains(Instant.parse(t.getString("entry_time")))).as("entered in the closure: " + t).isFalse();
                BigDecimal gross = new BigDecimal(t.getValue("gross_pnl").toString());
                BigDecimal fees = new BigDecimal(t.getValue("fees").toString());
                BigDecimal slippage = new BigDecimal(t.getValue("slippage").toString());
                assertThat(new BigDecimal(t.getValue("net_pnl").toString())).isEqualByComparingTo(gross.subtract(fees).subtract(slippage));
                // gross in USD: qty × (exit − entry) × sign, in JPY, at the exit's JPY per USD.
                BigDecimal sign = t.getString("side").equals("BUY") ? BigDecimal.ONE : BigDecimal.ONE.negate();
                BigDecimal exit = new BigDecimal(t.getValue("exit_price").toString());
                BigDecimal jpy = qty.multiply(exit.subtract(new BigDecimal(t.getValue("entry_price").toString()))).multiply(sign);
                assertThat(gross.doubleValue()).isCloseTo(jpy.doubleValue() / exit.doubleValue(), org.assertj.core.data.Offset.offset(1e-6));
            }
            assertThat(bot.logText()).doesNotContain("SEVERE");
        }
    }
}
