package dev.meridian.app;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The "done" run, on the real jar and real embedded PostgreSQL: replay the 100,000 real
 * Bitstamp trades at max speed, check the API and its auth rule, then restart on the same state
 * dir and find the same equity to the cent and the same trades.
 */
class EndToEndIT {
    @TempDir
    Path tmp;

    @org.junit.jupiter.api.BeforeEach
    void letTheDatabaseUserIn() throws Exception {
        // As root the embedded PostgreSQL runs as nobody, which must be able to traverse to the state dirs.
        BotProcess.openForTraversal(tmp);
    }

    @Test
    void replayBooksNetOfCostsAndSurvivesARestart() throws Exception {
        Path state = tmp.resolve("state");
        JsonObject portfolioBefore;
        JsonArray tradesBefore;
        JsonObject kpisBefore;
        try (BotProcess bot = BotProcess.start(state, tmp, Map.of(), "run", "--replay", "btc-trades-2013", "--speed", "max")) {
            JsonObject status = bot.awaitStatus(BotProcess::replayEnded, Duration.ofMinutes(5));
            assertThat(status.getJsonObject("replay").getLong("last_seq")).isEqualTo(100_000L);
            // Why each class is or is not trading: PERP and FOREX have no allocation, so their switches are off.
            JsonObject classes = status.getJsonObject("asset_classes");
            assertThat(classes.getJsonObject("PERP").getString("idle_reason")).isEqualTo("switched off in the funds controls");
            assertThat(classes.getJsonObject("FOREX").getBoolean("enabled")).isFalse();
            assertThat(classes.getJsonObject("SPOT").getLong("symbols")).isEqualTo(1L);
            assertThat(classes.getJsonObject("OPTIONS").getString("idle_reason")).startsWith("no OPTIONS market data");

            assertThat(bot.get("/health", null).statusCode()).isEqualTo(200);
            JsonObject health = new JsonObject(bot.get("/health", null).body());
            assertThat(health.getString("status")).isEqualTo("UP");
            assertThat(health.getJsonObject("checks").getString("database")).isEqualTo("UP");
            assertThat(health.getJsonObject("checks").getJsonObject("exchanges").getString("paper")).isEqualTo("UP");
            assertThat(bot.get("/api/status", null).statusCode()).isEqualTo(401);
            assertThat(bot.get("/api/portfolio", "wrong-token").statusCode()).isEqualTo(401);
            assertThat(bot.get("/api/trades", null).statusCode()).isEqualTo(401);

            JsonObject trades = bot.api("/api/trades?limit=10000");
            tradesBefore = trades.getJsonArray("trades");
            assertThat(trades.getLong("total")).isPositive().isEqualTo((long) tradesBefore.size());
            for (int i = 0; i < tradesBefore.size(); i++) {
                JsonObject t = tradesBefore.getJsonObject(i);
                BigDecimal gross = new BigDecimal(t.getValue("gross_pnl").toString());
                BigDecimal fees = new BigDecimal(t.getValue("fees").toString());
                BigDecimal slip = new BigDecimal(t.getValue("slippage").toString());
                BigDecimal net = new BigDecimal(t.getValue("net_pnl").toString());
                assertThat(t.getValue("net_pnl")).isInstanceOf(BigDecimal.class);
                assertThat(net).isEqualByComparingTo(gross.subtract(fees).subtract(slip));
                assertThat(fees).isPositive();
                // Paper fills are priced off the trade after the decision ± the slippage model: the cost
                // against the decision price is usually positive, but the market can move our way.
                assertThat(slip.abs()).isLessThan(new BigDecimal(t.getValue("size_usd").toString()).multiply(new BigDecimal("0.05")));
                assertThat(t.getString("symbol")).isEqualTo("BTCUSD");
                assertThat(new BigDecimal(t.getValue("size_usd").toString())).isLessThanOrEqualTo(BigDecimal.TEN);
            }
            // The decision core at work over the week: several regimes, sessions and modes, varying scores.
            java.util.Set<String> modes = new java.util.TreeSet<>(), regimes = new java.util.TreeSet<>(), sessions = new java.util.TreeSet<>();
            java.util.Set<Double> scores = new java.util.HashSet<>();
            for (Object o : tradesBefore) {
                JsonObject t = (JsonObject) o;
                modes.add(t.getString("mode"));
                regimes.add(t.getString("regime"));
                sessions.add(t.getString("session"));
                scores.add(t.getDouble("signal_score"));
                assertThat(t.getDouble("signal_score")).isBetween(0.0, 1.0);
                assertThat(t.getString("mode")).isNotEqualTo("OPTIONS");
            }
            assertThat(modes).hasSizeGreaterThanOrEqualTo(3);
            assertThat(regimes).hasSizeGreaterThanOrEqualTo(2).doesNotContain("TREND_DOWN"); // long only: no mode for a down-trend
            assertThat(sessions).hasSizeGreaterThanOrEqualTo(5);
            assertThat(scores).hasSizeGreaterThan(tradesBefore.size() / 2);
            JsonObject sym = status.getJsonArray("symbols").getJsonObject(0);
            assertThat(sym.getString("session")).isNotNull();
            assertThat(sym.getJsonObject("strategy").getString("regime")).isIn("TREND_UP", "TREND_DOWN", "RANGE", "VOLATILE");

            // Every (asset class, mode) the policies allow, judged; the SPOT evidence is exactly the booked trades.
            JsonObject kpis = bot.api("/api/kpis");
            kpisBefore = kpis;
            JsonArray rows = kpis.getJsonArray("kpis");
            assertThat(rows).hasSize(4 + 3 + 1 + 3);
            long spotTrades = 0;
            for (Object o : rows) {
                JsonObject r = (JsonObject) o;
                assertThat(r.fieldNames()).contains("asset_class", "mode", "trades", "sharpe", "sortino", "calmar", "max_drawdown",
                        "expectancy", "win_rate", "profit_factor", "thresholds", "pass", "eligible_live");
                if (r.getString("asset_class").equals("SPOT")) spotTrades += r.getLong("trades");
                // A week of paper evidence is never enough for live funds; the reasons say why.
                assertThat(r.getBoolean("eligible_live")).isFalse();
                assertThat(r.getJsonArray("reasons")).isNotEmpty();
            }
            assertThat(spotTrades).isEqualTo(tradesBefore.size());
            JsonArray bars = bot.api("/api/bars?symbol=BTCUSD&asset_class=SPOT&timeframe_sec=3600&limit=24").getJsonArray("bars");
            assertThat(bars).hasSize(24);
            assertThat(bars.getJsonObject(0).getString("open_time")).isLessThan(bars.getJsonObject(23).getString("open_time"));
            assertThat(bars.getJsonObject(23).getString("open_time")).isEqualTo("2013-12-01T15:00:00.000Z"); // the 16:00 bar is still open at the last trade (16:02:05)
            assertThat(bot.get("/api/bars?asset_class=SPOT", BotProcess.TOKEN).statusCode()).isEqualTo(400);
            portfolioBefore = bot.api("/api/portfolio");
            checkTelemetry(bot, tradesBefore.size(), state.resolveSibling("state-telemetry"));
            JsonArray equity = bot.api("/api/equity?limit=10000").getJsonArray("points");
            // One point per booking time (entries and exits), ending at the portfolio's realized equity.
            assertThat(equity.size()).isBetween(tradesBefore.size() + 1, 2 * tradesBefore.size());
            assertThat(equity.getJsonObject(0).getString("at")).startsWith("2013-11-");
            assertThat(bot.get("/api/equity?limit=0", BotProcess.TOKEN).statusCode()).isEqualTo(400);
            BigDecimal realized = BigDecimal.ZERO;
            for (Object o : tradesBefore) realized = realized.add(new BigDecimal(((JsonObject) o).getValue("net_pnl").toString()));
            JsonObject spot = portfolioBefore.getJsonArray("sub_ledgers").stream().map(JsonObject.class::cast)
                    .filter(l -> l.getString("asset_class").equals("SPOT")).findFirst().orElseThrow();
            assertThat(new BigDecimal(spot.getValue("realized_net_pnl").toString())).isEqualByComparingTo(realized);

            assertThat(bot.put("/api/funds", BotProcess.TOKEN, "{\"max_pair_pct\": 7}").statusCode()).isEqualTo(400);
            assertThat(bot.put("/api/funds", BotProcess.TOKEN, "{\"max_pair_pct\": 5}").statusCode()).isEqualTo(200);
            assertThat(bot.put("/api/funds", null, "{\"allow_funds\": true}").statusCode()).isEqualTo(401);
            // A page on another site cannot flip the switches, even with the token.
            assertThat(bot.put("/api/funds", BotProcess.TOKEN, "{\"max_pair_pct\": 3}",
                    Map.of("Origin", "https://evil.example", "Sec-Fetch-Site", "cross-site")).statusCode()).isEqualTo(403);
            var page = bot.get("/", null);
            assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(v -> assertThat(v).contains("script-src 'self'"));
            assertThat(page.headers().firstValue("X-Frame-Options")).contains("DENY");
            assertThat(page.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
            assertThat(page.body()).doesNotContain("<script>").doesNotContain("<style>");
            JsonArray audit = bot.api("/api/audit").getJsonArray("entries");
            assertThat(audit).hasSize(1);
            assertThat(audit.getJsonObject(0).getJsonObject("after").getValue("max_pair_pct").toString()).isEqualTo("5");
            bot.stop();
        }
        try (BotProcess bot = BotProcess.start(state, tmp, Map.of(), "run", "--replay", "btc-trades-2013", "--speed", "max")) {
            bot.awaitStatus(BotProcess::replayEnded, Duration.ofMinutes(5));
            JsonObject portfolioAfter = bot.api("/api/portfolio");
            // To the cent, and in fact to the last digit.
            assertThat(new BigDecimal(portfolioAfter.getValue("total_equity").toString()))
                    .isEqualByComparingTo(new BigDecimal(portfolioBefore.getValue("total_equity").toString()));
            assertThat(portfolioAfter).isEqualTo(portfolioBefore);
            assertThat(bot.api("/api/trades?limit=10000").getJsonArray("trades")).isEqualTo(tradesBefore);
            assertThat(bot.api("/api/funds").getValue("max_pair_pct").toString()).isEqualTo("5");
            // The KPI evidence is rebuilt from the stored trades: the same verdicts after a restart.
            assertThat(bot.api("/api/kpis").getJsonArray("kpis")).isEqualTo(kpisBefore.getJsonArray("kpis"));
            assertThat(bot.logText()).doesNotContain("SEVERE");
        }
    }

    /** Prometheus figures and the JSON-lines export agree with what the API says was booked. */
    private static void checkTelemetry(BotProcess bot, int trades, Path telemetryDir) throws Exception {
        String metrics = bot.get("/metrics", null).body();
        assertThat(metric(metrics, "meridian_trades_closed_total")).isEqualTo(trades);
        assertThat(metric(metrics, "meridian_fills_total{asset_class=\"SPOT\",side=\"SELL\",venue=\"paper\"}")).isEqualTo(trades);
        double entries = metric(metrics, "meridian_decisions_total{asset_class=\"SPOT\",kind=\"entry\",mode=\"SCALP\",outcome=\"approved\"}");
        assertThat(entries).isPositive();
        assertThat(metric(metrics, "meridian_tick_to_decision_seconds_count")).isGreaterThanOrEqualTo(trades);
        assertThat(metrics).contains("meridian_tick_to_decision_seconds_bucket{le=");
        assertThat(metric(metrics, "meridian_subledger_equity_usd{asset_class=\"OPTIONS\"}")).isEqualTo(1000.0);
        assertThat(metrics).doesNotContain(BotProcess.TOKEN);

        java.util.List<Path> files;
        try (var s = java.nio.file.Files.list(telemetryDir)) {
            files = s.toList();
        }
        assertThat(files).hasSize(1);
        assertThat(files.get(0).getFileName().toString()).matches("events-\\d{4}-\\d{2}-\\d{2}\\.jsonl");
        java.util.Map<String, Long> kinds = new java.util.TreeMap<>();
        for (String line : java.nio.file.Files.readAllLines(files.get(0))) {
            kinds.merge(new JsonObject(line).getString("kind"), 1L, Long::sum);
        }
        assertThat(kinds.get("trade_closed")).isEqualTo(trades);
        assertThat(kinds.get("fill")).isEqualTo(2L * trades);
        assertThat(kinds).containsKeys("regime", "session", "market_data");
    }

    private static double metric(String text, String name) {
        for (String line : text.split("\n")) {
            if (line.startsWith(name + " ")) return Double.parseDouble(line.substring(name.length() + 1).trim());
        }
        throw new AssertionError("no metric " + name + " in /metrics");
    }
}
