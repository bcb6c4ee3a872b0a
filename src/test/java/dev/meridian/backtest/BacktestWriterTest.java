package dev.meridian.backtest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.meridian.core.AssetClass;
import dev.meridian.core.Mode;
import dev.meridian.core.Regime;
import dev.meridian.core.SessionLabel;
import dev.meridian.core.Side;
import dev.meridian.learning.KpiCalculator;
import dev.meridian.learning.KpiReport;
import dev.meridian.learning.KpiSample;
import dev.meridian.portfolio.ClosedTrade;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class BacktestWriterTest {
    private static final long HOUR = 3_600_000L;
    private static final long T0 = Instant.parse("2013-11-25T04:57:00Z").toEpochMilli();
    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    private static ClosedTrade trade(long entry, long exit, String symbol, AssetClass ac, Mode mode, Side side,
                                     String qty, String entryPx, String exitPx, String equityBefore, String size,
                                     String gross, String fees, String slip, String net, String retPct, String reward) {
        return new ClosedTrade(0, "x", entry, exit, symbol, ac, mode, Regime.TREND_UP, SessionLabel.ASIA, side,
                new BigDecimal(qty), new BigDecimal(entryPx), new BigDecimal(exitPx), new BigDecimal("780"),
                BigDecimal.ONE, new BigDecimal(equityBefore), new BigDecimal(size), new BigDecimal("10"), 0.72, true,
                new BigDecimal(gross), new BigDecimal(fees), new BigDecimal(slip), new BigDecimal(net),
                new BigDecimal(retPct), reward == null ? null : new BigDecimal(reward), "risk", true);
    }

    /**
     * Four trades over two UTC days, equity from 10000:
     * +9.00 (SPOT SWING), −5.50 (SPOT SCALP, not yet rewarded), +12.25 (SPOT SWING, a symbol that
     * needs quoting), +3.00 (PERP INTRADAY_TREND, prices in exponent form). Net 18.75.
     */
    private static BacktestOutcome outcome() {
        List<ClosedTrade> trades = List.of(
                trade(T0, T0 + 2 * HOUR, "BTCUSD", AssetClass.SPOT, Mode.SWING, Side.BUY,
                        "0.5", "800", "820", "10000", "400", "10.00", "0.64", "0.36", "9.00", "2.25", "1.5"),
                trade(T0 + 3 * HOUR, T0 + 4 * HOUR, "BTCUSD", AssetClass.SPOT, Mode.SCALP, Side.BUY,
                        "0.25", "820", "800", "10009.00", "205", "-5.00", "0.30", "0.20", "-5.50", "-2.6829", null),
                trade(T0 + 24 * HOUR, T0 + 26 * HOUR, "BTC,\"X\"", AssetClass.SPOT, Mode.SWING, Side.BUY,
                        "1", "790", "803", "10003.50", "790", "13.00", "0.50", "0.25", "12.25", "1.5506", "2"),
                trade(T0 + 27 * HOUR, T0 + 28 * HOUR, "BTCUSDT", AssetClass.PERP, Mode.INTRADAY_TREND, Side.SELL,
                        "0.1", "8E+2", "7.7E+2", "10015.75", "80", "3.00", "0.00", "0.00", "3.00", "3.75", "1"));
        List<BacktestRun.EquityPoint> equity = new ArrayList<>();
        BigDecimal e = new BigDecimal("10000");
        equity.add(new BacktestRun.EquityPoint(T0, e));
        for (ClosedTrade t : trades) {
            e = e.add(t.netPnl());
            equity.add(new BacktestRun.EquityPoint(t.exitTimeMs(), e));
        }
        BacktestRun main = new BacktestRun("main", trades, equity, new BigDecimal("10000"), T0, T0 + 30 * HOUR);

        KpiReport fold1 = KpiCalculator.compute(List.of(new KpiSample(T0, T0 + HOUR, new BigDecimal("4"),
                new BigDecimal("100"), new BigDecimal("1000"), KpiSample.Source.BACKTEST)), 365);
        // Given fold 2 first: the report groups by fold whatever the order.
        List<BacktestOutcome.WalkForwardRow> wf = List.of(
                new BacktestOutcome.WalkForwardRow(2, T0 + 15 * HOUR, T0 + 30 * HOUR, "learner", KpiReport.empty(),
                        BigDecimal.ZERO, 0),
                new BacktestOutcome.WalkForwardRow(1, T0, T0 + 15 * HOUR, "learner", fold1, new BigDecimal("4"), 1));
        Map<String, String> params = new LinkedHashMap<>();
        params.put("mode", "auto");
        params.put("fee_bps", "10");
        params.put("note", "<script>alert('x')</script>");
        return new BacktestOutcome("btc-trades-2013", params, main, wf);
    }

    private static BacktestOutcome empty() {
        BacktestRun main = new BacktestRun("main", List.of(), List.of(), new BigDecimal("10000"), T0, T0 + HOUR);
        return new BacktestOutcome("empty.csv", Map.of(), main, List.of());
    }

    @Test
    void tradesCsvHasTheDesignHeaderAndOneLiteralRowPerTrade(@TempDir Path dir) throws Exception {
        BacktestWriter.write(dir, outcome());
        String csv = Files.readString(dir.resolve("trades.csv"), StandardCharsets.UTF_8);
        assertThat(csv).doesNotContain("\r").endsWith("\n");
        String[] lines = csv.split("\n");
        assertThat(lines).hasSize(5);
        assertThat(lines[0]).isEqualTo("entry_time,exit_time,symbol,asset_class,mode,regime,session,side,qty,"
                + "entry_price,exit_price,stop_price,leverage,equity_before,size_usd,risk_usd,signal_score,good_setup,"
                + "gross_pnl,fees,slippage,net_pnl,net_return_pct,reward_points");
        assertThat(lines[1]).isEqualTo("2013-11-25T04:57:00.000Z,2013-11-25T06:57:00.000Z,BTCUSD,SPOT,SWING,TREND_UP,"
                + "ASIA,BUY,0.5,800,820,780,1,10000,400,10,0.72,true,10.00,0.64,0.36,9.00,2.25,1.5");
        // No reward yet: an empty last field.
        assertThat(lines[2]).endsWith(",-5.00,0.30,0.20,-5.50,-2.6829,");
        // RFC 4180: quoted because of the comma, inner quotes doubled.
        assertThat(lines[3]).contains(",\"BTC,\"\"X\"\"\",SPOT,SWING,");
        // Exponent-form BigDecimals come out plain.
        assertThat(lines[4]).contains(",SELL,0.1,800,770,").doesNotContain("E+");
    }

    @Test
    void sameOutcomeGivesIdenticalCsvAndSummaryBytes(@TempDir Path dir) throws Exception {
        Path a = dir.resolve("a");
        Path b = dir.resolve("b");
        BacktestWriter.write(a, outcome());
        BacktestWriter.write(b, outcome());
        for (String f : List.of("trades.csv", "summary.json")) {
            assertThat(Files.readAllBytes(a.resolve(f))).as(f).isEqualTo(Files.readAllBytes(b.resolve(f)));
        }
        assertThat(Files.readString(a.resolve("summary.json"))).doesNotContain("\r");
    }

    @Test
    void summaryJsonCarriesTheFiguresAndExplainsEveryNull(@TempDir Path dir) throws Exception {
        BacktestWriter.write(dir, outcome());
        JsonNode s = new ObjectMapper().readTree(dir.resolve("summary.json").toFile());
        assertThat(s.get("source").asText()).isEqualTo("btc-trades-2013");
        assertThat(s.get("params").get("fee_bps").asText()).isEqualTo("10");
        assertThat(s.get("from").asText()).isEqualTo("2013-11-25T04:57:00.000Z");
        assertThat(s.get("net_pnl").decimalValue()).isEqualByComparingTo("18.75");
        assertThat(s.get("start_equity").decimalValue()).isEqualByComparingTo("10000");
        assertThat(s.get("end_equity").decimalValue()).isEqualByComparingTo("10018.75");
        assertThat(s.get("trades").asInt()).isEqualTo(4);
        assertThat(s.get("kpis").get("overall").get("trades").asInt()).isEqualTo(4);
        assertThat(s.get("kpis").get("overall").get("win_rate").asDouble()).isEqualTo(0.75);

        JsonNode pairs = s.get("kpis").get("by_asset_class_mode");
        assertThat(pairs).hasSize(3);
        assertThat(pairs.get(0).get("asset_class").asText()).isEqualTo("SPOT");
        assertThat(pairs.get(0).get("mode").asText()).isEqualTo("SCALP");
        assertThat(pairs.get(1).get("mode").asText()).isEqualTo("SWING");
        assertThat(pairs.get(1).get("net_pnl").decimalValue()).isEqualByComparingTo("21.25");
        assertThat(pairs.get(2).get("asset_class").asText()).isEqualTo("PERP");

        JsonNode wf = s.get("walk_forward");
        assertThat(wf).hasSize(2);
        assertThat(wf.get(0).get("fold").asInt()).isEqualTo(1);
        assertThat(wf.get(1).get("sharpe").isNull()).isTrue();
        assertThat(s.get("walk_forward_totals").get(0).get("folds").asInt()).isEqualTo(2);
        assertThat(s.get("walk_forward_totals").get(0).get("net_pnl").decimalValue()).isEqualByComparingTo("4");

        List<String> notes = new ArrayList<>();
        s.get("notes").forEach(n -> notes.add(n.asText()));
        assertThat(notes).anyMatch(n -> n.equals("walk_forward[fold 2/learner].sharpe is null: undefined."));
        // One trade per pair and day: a lone SCALP loser has no dispersion, so its Sharpe is -infinity.
        assertThat(pairs.get(0).get("sharpe").isNull()).isTrue();
        assertThat(notes).anyMatch(n -> n.equals("kpis.by_asset_class_mode[SPOT/SCALP].sharpe is null: -infinity."));
    }

    @Test
    void picturesArePngsOfTheAgreedSize(@TempDir Path dir) throws Exception {
        BacktestWriter.write(dir, outcome());
        for (String f : List.of("equity.png", "drawdown.png")) {
            byte[] bytes = Files.readAllBytes(dir.resolve(f));
            assertThat(Arrays.copyOf(bytes, 8)).as(f).isEqualTo(PNG_SIGNATURE);
            BufferedImage img = ImageIO.read(new ByteArrayInputStream(bytes));
            assertThat(img).as(f).isNotNull();
            assertThat(img.getWidth()).isEqualTo(1000);
            assertThat(img.getHeight()).isEqualTo(400);
        }
    }

    @Test
    void reportIsOneSelfContainedEscapedPage(@TempDir Path dir) throws Exception {
        BacktestWriter.write(dir, outcome());
        String html = Files.readString(dir.resolve("report.html"), StandardCharsets.UTF_8);
        assertThat(html).contains("<h2>Summary</h2>", "<h2>KPIs by asset class and mode</h2>",
                "<h2>Walk-forward (out of sample)</h2>", "Out-of-sample total per contender",
                "<h2>Last 4 trades (newest first, of 4)</h2>", "<th>Sharpe</th>", "<th>Sortino</th>",
                "<th>Calmar</th>", "<th>Max drawdown</th>", "<th>Expectancy</th>", "<th>Win rate</th>",
                "<th>Profit factor</th>", "net of fees and slippage", "out of sample");
        assertThat(html.split("src=\"data:image/png;base64,", -1)).hasSize(3);
        assertThat(html).doesNotContain("http://", "https://", "<script", "<link");
        assertThat(html).contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;", "BTC,&quot;X&quot;");
        assertThat(html.indexOf("Fold 1:")).isPositive().isLessThan(html.indexOf("Fold 2:"));
    }

    @Test
    void reportListsOnlyTheLast50TradesNewestFirst(@TempDir Path dir) throws Exception {
        List<ClosedTrade> trades = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            trades.add(trade(T0 + i * HOUR, T0 + i * HOUR + 1000, "SYM" + i, AssetClass.SPOT, Mode.SCALP, Side.BUY,
                    "1", "100", "101", "10000", "100", "1", "0", "0", "1", "1", null));
        }
        BacktestRun main = new BacktestRun("main", trades, List.of(), new BigDecimal("10000"), T0, T0 + 61 * HOUR);
        BacktestWriter.write(dir, new BacktestOutcome("x", Map.of(), main, List.of()));
        String html = Files.readString(dir.resolve("report.html"), StandardCharsets.UTF_8);
        assertThat(html).contains("<h2>Last 50 trades (newest first, of 60)</h2>", ">SYM10<", ">SYM59<")
                .doesNotContain(">SYM9<");
        assertThat(html.indexOf(">SYM59<")).isLessThan(html.indexOf(">SYM10<"));
        assertThat(Files.readString(dir.resolve("trades.csv")).split("\n")).hasSize(61);
    }

    @Test
    void anEmptyOutcomeStillWritesEveryFile(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("nested/out");
        BacktestWriter.write(out, empty());
        for (String f : List.of("trades.csv", "summary.json", "equity.png", "drawdown.png", "report.html")) {
            assertThat(out.resolve(f)).as(f).isNotEmptyFile();
        }
        assertThat(Files.readString(out.resolve("trades.csv"))).isEqualTo(TradesCsv.HEADER + "\n");
        JsonNode s = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertThat(s.get("trades").asInt()).isZero();
        assertThat(s.get("net_pnl").decimalValue()).isEqualByComparingTo("0");
        assertThat(s.get("kpis").get("overall").get("sharpe").isNull()).isTrue();
        assertThat(ImageIO.read(out.resolve("equity.png").toFile()).getWidth()).isEqualTo(1000);
    }
}
