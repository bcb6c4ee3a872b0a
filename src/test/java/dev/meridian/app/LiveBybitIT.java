package dev.meridian.app;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.meridian.core.Category;
import dev.meridian.exchange.bybit.fake.FakeBybitPublicServer;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bot against fakes of Bybit (a local WebSocket server speaking the public protocol, WireMock
 * as the REST API): it backfills, subscribes, builds bars from streamed trades, trades on paper,
 * survives a dropped connection and garbage frames, and /api/status tells the truth about it.
 * The trades are the real Bitstamp prints of 2013, re-timed to start now, as BTCUSDT.
 */
class LiveBybitIT {
    @TempDir
    Path tmp;
    private Vertx vertx;
    private FakeBybitPublicServer ws;
    private WireMockServer rest;

    @BeforeEach
    void fakes() throws Exception {
        BotProcess.openForTraversal(tmp);
        vertx = Vertx.vertx();
        ws = FakeBybitPublicServer.start(vertx).toCompletionStage().toCompletableFuture().get();
        rest = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        rest.start();
        String empty = "{\"retCode\":0,\"retMsg\":\"OK\",\"result\":{\"category\":\"spot\",\"list\":[]},\"retExtInfo\":{},\"time\":1}";
        rest.stubFor(get(urlPathEqualTo("/v5/market/kline")).willReturn(aResponse().withHeader("Content-Type", "application/json")
                .withBody("{\"retCode\":0,\"retMsg\":\"OK\",\"result\":{\"category\":\"spot\",\"symbol\":\"BTCUSDT\",\"list\":[]},\"retExtInfo\":{},\"time\":1}")));
        rest.stubFor(get(urlPathEqualTo("/v5/market/tickers")).willReturn(aResponse().withHeader("Content-Type", "application/json").withBody(empty)));
        rest.stubFor(get(urlPathEqualTo("/v5/market/instruments-info")).willReturn(aResponse().withHeader("Content-Type", "application/json")
                .withBody("{\"retCode\":0,\"retMsg\":\"OK\",\"result\":{\"category\":\"spot\",\"list\":[],\"nextPageCursor\":\"\"},\"retExtInfo\":{},\"time\":1}")));
    }

    @AfterEach
    void stopFakes() throws Exception {
        rest.stop();
        ws.close().toCompletionStage().toCompletableFuture().get();
        vertx.close().toCompletionStage().toCompletableFuture().get();
    }

    /** publicTrade frames of the first real trades, re-timed so the first one happens now. */
    private static List<String> tradeFrames(int count) throws Exception {
        List<String> frames = new ArrayList<>();
        long now = System.currentTimeMillis();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                LiveBybitIT.class.getClassLoader().getResourceAsStream("bitstamp_trades_from_20131125_usd.csv"), StandardCharsets.UTF_8))) {
            in.readLine();
            long first = -1;
            String line;
            while (frames.size() < count && (line = in.readLine()) != null) {
                String[] f = line.split(",");
                long t = Long.parseLong(f[0]) * 1000;
                if (first < 0) first = t;
                long ts = now + (t - first);
                frames.add(new JsonObject().put("topic", "publicTrade.BTCUSDT").put("type", "snapshot").put("ts", ts)
                        .put("data", new JsonArray().add(new JsonObject().put("T", ts).put("s", "BTCUSDT").put("S", "Buy")
                                .put("v", new BigDecimal(f[2]).toPlainString()).put("p", new BigDecimal(f[1]).toPlainString())
                                .put("L", "PlusTick").put("i", UUID.nameUUIDFromBytes(line.getBytes(StandardCharsets.UTF_8)).toString())
                                .put("BT", false))).encode());
            }
        }
        return frames;
    }

    private static JsonObject symbolStatus(JsonObject status, String symbol, String assetClass) {
        return status.getJsonArray("symbols").stream().map(JsonObject.class::cast)
                .filter(x -> x.getString("symbol").equals(symbol) && x.getString("asset_class").equals(assetClass))
                .findFirst().orElse(null);
    }

    private static JsonObject spotConnection(JsonObject status) {
        return status.getJsonArray("market_data").getJsonObject(0).getJsonArray("connections").stream()
                .map(JsonObject.class::cast).filter(c -> c.getString("category").equals("spot")).findFirst().orElseThrow();
    }

    @Test
    void tradesOnLiveDataFromFakesAndSurvivesDropsAndGarbage() throws Exception {
        Map<String, String> env = Map.of("MERIDIAN_BYBIT_WS_URL", ws.baseUri().toString(),
                "MERIDIAN_BYBIT_REST_URL", "http://127.0.0.1:" + rest.port());
        try (BotProcess bot = BotProcess.start(tmp.resolve("state"), tmp, env, "run")) {
            bot.awaitStatus(s -> s.getBoolean("live", false) && s.getJsonArray("market_data").getJsonObject(0)
                    .getJsonArray("connections").size() == 2, Duration.ofMinutes(2));
            long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while ((!ws.subscribedTopics(Category.SPOT).containsAll(List.of("publicTrade.BTCUSDT", "publicTrade.ETHUSDT", "kline.1.BTCUSDT"))
                    || !ws.subscribedTopics(Category.LINEAR).contains("publicTrade.BTCUSDT")) && System.nanoTime() < end) {
                Thread.sleep(100);
            }
            assertThat(ws.subscribedTopics(Category.SPOT)).contains("publicTrade.BTCUSDT", "publicTrade.ETHUSDT", "kline.1.BTCUSDT");
            assertThat(ws.subscribedTopics(Category.LINEAR)).contains("publicTrade.BTCUSDT");

            long ts = System.currentTimeMillis();
            ws.push(Category.SPOT, "{\"topic\":\"orderbook.50.BTCUSDT\",\"type\":\"snapshot\",\"ts\":" + ts
                    + ",\"data\":{\"s\":\"BTCUSDT\",\"b\":[[\"800.00\",\"1.5\"],[\"799.50\",\"2\"]],\"a\":[[\"800.50\",\"2\"]],"
                    + "\"u\":7,\"seq\":100},\"cts\":" + ts + "}");
            // A delta deletes the best bid (size "0") and inserts a new level.
            ws.push(Category.SPOT, "{\"topic\":\"orderbook.50.BTCUSDT\",\"type\":\"delta\",\"ts\":" + (ts + 1)
                    + ",\"data\":{\"s\":\"BTCUSDT\",\"b\":[[\"800.00\",\"0\"],[\"799.90\",\"1\"]],\"a\":[],"
                    + "\"u\":8,\"seq\":101},\"cts\":" + (ts + 1) + "}");
            // The status is polled, so wait until it shows the book after the delta.
            JsonObject quoted = bot.awaitStatus(s -> symbolStatus(s, "BTCUSDT", "SPOT") != null
                    && symbolStatus(s, "BTCUSDT", "SPOT").getValue("best_bid") != null
                    && new BigDecimal(symbolStatus(s, "BTCUSDT", "SPOT").getValue("best_bid").toString())
                            .compareTo(new BigDecimal("800.00")) != 0, Duration.ofSeconds(30));
            assertThat(new BigDecimal(symbolStatus(quoted, "BTCUSDT", "SPOT").getValue("best_bid").toString())).isEqualByComparingTo("799.90");
            assertThat(new BigDecimal(symbolStatus(quoted, "BTCUSDT", "SPOT").getValue("best_ask").toString())).isEqualByComparingTo("800.50");

            List<String> frames = tradeFrames(30_000);
            ws.sendGarbage(Category.SPOT, "{not json");
            ws.sendGarbage(Category.SPOT, "{\"topic\":\"publicTrade.BTCUSDT\",\"data\":[{\"T\":1,\"s\":\"BTCUSDT\",\"S\":\"Buy\",\"v\":\"1\",\"p\":\"NaN\",\"i\":\"x\"}]}");
            long firstMinute = Math.floorDiv(new JsonObject(frames.get(0)).getLong("ts"), 60_000L) * 60_000L;
            for (int i = 0; i < frames.size(); i++) {
                ws.push(Category.SPOT, frames.get(i));
                if (i == 200) {
                    // The exchange's confirmed candle of the first minute disagrees with ours: it wins.
                    ws.push(Category.SPOT, new JsonObject().put("topic", "kline.1.BTCUSDT").put("type", "snapshot")
                            .put("ts", firstMinute + 60_000).put("data", new JsonArray().add(new JsonObject()
                                    .put("start", firstMinute).put("end", firstMinute + 59_999).put("interval", "1")
                                    .put("open", "800.01").put("close", "801.23").put("high", "805").put("low", "799")
                                    .put("volume", "12.5").put("turnover", "10000").put("confirm", true)
                                    .put("timestamp", firstMinute + 60_000))).encode());
                }
                if (i == frames.size() / 2) {
                    ws.push(Category.SPOT, frames.get(i)); // a duplicate delivery
                    int connectionsBefore = ws.acceptedCount(Category.SPOT);
                    ws.dropConnections();
                    bot.awaitStatus(s -> spotConnection(s).getLong("reconnects") >= 1
                            && spotConnection(s).getString("state").equals("CONNECTED"), Duration.ofSeconds(60));
                    long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                    while ((ws.acceptedCount(Category.SPOT) <= connectionsBefore
                            || !ws.subscribedTopics(Category.SPOT).contains("publicTrade.BTCUSDT")) && System.nanoTime() < until) {
                        Thread.sleep(50);
                    }
                }
                if (i % 500 == 0) Thread.sleep(5);
            }
            JsonObject status = bot.awaitStatus(s -> {
                JsonObject md = s.getJsonArray("market_data").getJsonObject(0);
                return md.getJsonObject("counters").getLong("malformed_frames") >= 2;
            }, Duration.ofMinutes(1));
            assertThat(status.getJsonArray("market_data").getJsonObject(0).getJsonObject("counters")
                    .getLong("bars_replaced_by_exchange")).isEqualTo(1L);
            assertThat(status.getJsonArray("market_data").getJsonObject(0).getJsonObject("counters")
                    .getLong("duplicate_trades")).isGreaterThanOrEqualTo(1L);
            JsonObject spot = spotConnection(status);
            assertThat(spot.getLong("reconnects")).isGreaterThanOrEqualTo(1);
            // The same counts in Prometheus, by reason and by stream.
            String metrics = bot.get("/metrics", null).body();
            assertThat(metrics).containsPattern("(?m)^meridian_md_frames_dropped_total\\{reason=\"malformed\"} [2-9]")
                    .containsPattern("(?m)^meridian_md_frames_dropped_total\\{reason=\"duplicate_trade\"} [1-9]")
                    .containsPattern("(?m)^meridian_md_reconnects_total\\{category=\"spot\"} [1-9]");
            assertThat(spot.getString("state")).isEqualTo("CONNECTED");

            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            long trades = 0;
            while (System.nanoTime() < deadline && (trades = bot.api("/api/trades?limit=1").getLong("total")) < 1) Thread.sleep(250);
            assertThat(trades).as("closed paper trades on streamed data").isPositive();
            JsonObject t = bot.api("/api/trades?limit=1").getJsonArray("trades").getJsonObject(0);
            assertThat(t.getString("symbol")).isEqualTo("BTCUSDT");
            assertThat(t.getBoolean("paper")).isTrue();
            JsonObject btc = symbolStatus(bot.api("/api/status"), "BTCUSDT", "SPOT");
            assertThat(btc.getValue("last_price")).isNotNull();
            assertThat(bot.get("/health", null).statusCode()).isEqualTo(200);
            assertThat(bot.logText()).doesNotContain("SEVERE");
        }
    }
}
