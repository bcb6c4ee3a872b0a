package dev.meridian.app;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The parity ITs' shared half: {@code backtest} run by the jar as a process, and a replay's booked
 * trades (newest first, as {@code /api/trades} gives them) held against its trades.csv column by
 * column — numbers compared as exact decimals, everything else as text.
 */
final class BacktestParity {
    private BacktestParity() {
    }

    /** Runs {@code java -jar meridian.jar backtest ARGS --out bt} in {@code work}; returns trades.csv's lines. */
    static List<String> backtest(Path work, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("java", "-Xmx512m", "-jar", BotProcess.jar().toAbsolutePath().toString(), "backtest"));
        cmd.addAll(List.of(args));
        cmd.addAll(List.of("--out", "bt"));
        Process p = new ProcessBuilder(cmd).directory(work.toFile()).redirectErrorStream(true)
                .redirectOutput(work.resolve("backtest.log").toFile()).start();
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue()).as(Files.readString(work.resolve("backtest.log"))).isZero();
        return Files.readAllLines(work.resolve("bt/trades.csv"));
    }

    /** Asserts {@code booked} equals the CSV in every column; returns the booked trades oldest first. */
    static List<JsonObject> assertSameTrades(String run, JsonArray booked, List<String> csv) {
        String[] header = csv.get(0).split(",");
        List<JsonObject> replayed = new ArrayList<>();
        for (int i = booked.size() - 1; i >= 0; i--) replayed.add(booked.getJsonObject(i));
        assertThat(replayed).as(run).hasSize(csv.size() - 1);
        for (int i = 0; i < replayed.size(); i++) {
            String[] row = csv.get(i + 1).split(",", -1);
            JsonObject t = replayed.get(i);
            for (int c = 0; c < header.length; c++) {
                Object v = t.getValue(header[c]);
                if (v instanceof Number n && !row[c].isEmpty()) {
                    assertThat(new BigDecimal(n.toString())).as("%s trade %d %s", run, i, header[c]).isEqualByComparingTo(row[c]);
                } else {
                    assertThat(v == null ? "" : v.toString()).as("%s trade %d %s", run, i, header[c]).isEqualTo(row[c]);
                }
            }
        }
        return replayed;
    }
}
