package dev.meridian.app;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code java -jar meridian.jar backtest} from a directory without conf/ or policies/ and without a
 * database: it writes the report files, the same data gives byte-identical trades.csv and
 * summary.json, and a bad option stops it with exit code 2 and a message naming the option.
 */
class BacktestIT {
    @TempDir Path tmp;

    private record Result(int exit, String output) {}

    private Result backtest(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("java", "-Xmx512m", "-jar", Path.of("target", "meridian.jar").toAbsolutePath().toString(),
                "backtest"));
        cmd.addAll(List.of(args));
        Path log = Files.createTempFile(tmp, "backtest-", ".log");
        Process p = new ProcessBuilder(cmd).directory(tmp.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).as("backtest finished").isTrue();
        return new Result(p.exitValue(), Files.readString(log));
    }

    @Test
    void writesTheReportAndTheSameDataGivesTheSameBytes() throws Exception {
        Result a = backtest("--data", "btc-trades-2013", "--walk-forward", "3", "--out", "a");
        assertThat(a.exit()).as(a.output()).isZero();
        Result b = backtest("--data", "btc-trades-2013", "--walk-forward", "3", "--out", "b");
        assertThat(b.exit()).as(b.output()).isZero();
        assertThat(a.output()).contains("backtest btc-trades-2013:").contains("fold 3/3 MEAN_REVERSION");
        for (String f : List.of("trades.csv", "summary.json")) {
            assertThat(Files.readAllBytes(tmp.resolve("a").resolve(f))).as(f).isEqualTo(Files.readAllBytes(tmp.resolve("b").resolve(f)));
        }
        List<String> csv = Files.readAllLines(tmp.resolve("a/trades.csv"));
        assertThat(csv.get(0)).isEqualTo("entry_time,exit_time,symbol,asset_class,mode,regime,session,side,qty,entry_price,exit_price,"
                + "stop_price,leverage,equity_before,size_usd,risk_usd,signal_score,good_setup,gross_pnl,fees,slippage,net_pnl,"
                + "net_return_pct,reward_points");
        assertThat(csv).hasSizeGreaterThan(50);
        JsonObject summary = new JsonObject(Files.readString(tmp.resolve("a/summary.json")));
        assertThat(summary.getInteger("trades")).isEqualTo(csv.size() - 1);
        // folds 2 and 3 × (learner, rule table, random, 4 modes, buy-and-hold)
        assertThat(summary.getJsonArray("walk_forward")).hasSize(2 * 8);
        assertThat(summary.getJsonArray("walk_forward").stream().map(r -> ((JsonObject) r).getString("contender")).distinct())
                .containsExactly("LEARNER", "RULE_TABLE", "RANDOM", "SCALP", "INTRADAY_TREND", "SWING", "MEAN_REVERSION", "BUY_AND_HOLD");
        String html = Files.readString(tmp.resolve("a/report.html"));
        assertThat(html).contains("data:image/png;base64,").doesNotContain("http://").doesNotContain("https://");
        assertThat(tmp.resolve("a/equity.png")).exists();
        assertThat(tmp.resolve("a/drawdown.png")).exists();
        assertThat(tmp.resolve("state")).doesNotExist();
    }

    @Test
    void aBadOptionIsRefusedByName() throws Exception {
        Result r = backtest("--data", "btc-trades-2013", "--walk-forward", "1");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.output()).contains("--walk-forward must be 2..50 folds");
        Result m = backtest("--data", "btc-trades-2013", "--mode", "yolo");
        assertThat(m.exit()).isEqualTo(2);
        assertThat(m.output()).contains("--mode must be auto");
    }
}
