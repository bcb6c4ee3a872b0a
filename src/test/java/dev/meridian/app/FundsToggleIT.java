package dev.meridian.app;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** Switching SPOT off through the HTTP API stops new entries mid-run, and the change is audited. */
class FundsToggleIT {
    @TempDir
    Path tmp;

    @BeforeEach
    void letTheDatabaseUserIn() throws Exception {
        BotProcess.openForTraversal(tmp);
    }

    @Test
    void spotSwitchOffStopsEntriesAndIsAudited() throws Exception {
        Path csv = tmp.resolve("BTCUSD.csv");
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                getClass().getClassLoader().getResourceAsStream("bitstamp_trades_from_20131125_usd.csv"), StandardCharsets.UTF_8))) {
            List<String> lines = new ArrayList<>();
            String line;
            while (lines.size() < 60_001 && (line = in.readLine()) != null) lines.add(line);
            Files.write(csv, lines);
        }
        try (BotProcess bot = BotProcess.start(tmp.resolve("state"), tmp, Map.of(), "run", "--replay", csv.toString(), "--speed", "20000")) {
            bot.awaitStatus(s -> true, Duration.ofMinutes(2));
            long end = System.nanoTime() + Duration.ofMinutes(3).toNanos();
            while (bot.api("/api/trades?limit=1").getLong("total") < 1 && System.nanoTime() < end) Thread.sleep(50);
            assertThat(bot.put("/api/funds", BotProcess.TOKEN, "{\"asset_classes\": {\"SPOT\": false}}").statusCode()).isEqualTo(200);
            long tradesAtSwitch = bot.api("/api/trades?limit=1").getLong("total");
            assertThat(BotProcess.replayEnded(bot.api("/api/status"))).as("replay still running at the switch").isFalse();

            bot.awaitStatus(BotProcess::replayEnded, Duration.ofMinutes(5));
            // A position open at the switch may still close; nothing new opens.
            assertThat(bot.api("/api/trades?limit=1").getLong("total")).isBetween(tradesAtSwitch, tradesAtSwitch + 1);
            Matcher rejected = Pattern.compile("(?m)^meridian_orders_rejected_total ([0-9.]+)$").matcher(bot.get("/metrics", null).body());
            assertThat(rejected.find()).isTrue();
            assertThat(Double.parseDouble(rejected.group(1))).as("entries refused after the switch").isPositive();

            JsonArray audit = bot.api("/api/audit").getJsonArray("entries");
            assertThat(audit).hasSize(1);
            JsonObject entry = audit.getJsonObject(0);
            assertThat(entry.getString("who")).startsWith("api-token");
            assertThat(entry.getJsonObject("before").getJsonObject("asset_classes").getBoolean("SPOT")).isTrue();
            assertThat(entry.getJsonObject("after").getJsonObject("asset_classes").getBoolean("SPOT")).isFalse();
            assertThat(bot.api("/api/funds").getJsonObject("asset_classes").getBoolean("SPOT")).isFalse();
            assertThat(bot.logText()).doesNotContain("SEVERE");
        }
    }
}
