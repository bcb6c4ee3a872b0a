package dev.meridian.telemetry;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class RotatingJsonLinesTest {
    /** A clock the test moves. */
    private static final class MovableClock extends Clock {
        Instant now;

        MovableClock(String iso) { now = Instant.parse(iso); }

        @Override public ZoneId getZone() { return ZoneOffset.UTC; }

        @Override public Clock withZone(ZoneId zone) { return this; }

        @Override public Instant instant() { return now; }
    }

    @Test
    void aNewUtcDayStartsANewFileAndOldDaysBeyondTheKeptCountAreDeleted(@TempDir Path dir) throws Exception {
        MovableClock clock = new MovableClock("2026-12-01T23:59:59Z");
        try (RotatingJsonLines lines = new RotatingJsonLines(dir, 1_000, 2, clock)) {
            assertThat(lines.append("{\"n\":1}")).isTrue();
            clock.now = Instant.parse("2026-12-02T00:00:00Z");
            assertThat(lines.append("{\"n\":2}")).isTrue();
            assertThat(files(dir)).containsExactly("events-2026-12-01.jsonl", "events-2026-12-02.jsonl");
            assertThat(Files.readAllLines(dir.resolve("events-2026-12-01.jsonl"))).containsExactly("{\"n\":1}");

            clock.now = Instant.parse("2026-12-03T10:00:00Z");
            lines.append("{\"n\":3}");
            assertThat(files(dir)).as("two days kept").containsExactly("events-2026-12-02.jsonl", "events-2026-12-03.jsonl");
        }
    }

    @Test
    void aFullDayDropsWholeLinesAndCountsThem(@TempDir Path dir) throws Exception {
        MovableClock clock = new MovableClock("2026-12-01T08:00:00Z");
        String line = "x".repeat(9); // 10 bytes with the newline
        try (RotatingJsonLines lines = new RotatingJsonLines(dir, 25, 3, clock)) {
            assertThat(lines.append(line)).isTrue();
            assertThat(lines.append(line)).isTrue();
            assertThat(lines.append(line)).as("would make 30 bytes").isFalse();
            assertThat(lines.append("y")).as("2 bytes still fit").isTrue();
            assertThat(lines.dropped()).isEqualTo(1);
            assertThat(Files.size(lines.currentFile())).isEqualTo(22);
            clock.now = Instant.parse("2026-12-02T00:00:01Z");
            assertThat(lines.append(line)).as("a new day has room again").isTrue();
        }
    }

    @Test
    void aRestartOnTheSameDayAppendsAndKeepsTheBound(@TempDir Path dir) throws Exception {
        MovableClock clock = new MovableClock("2026-12-01T08:00:00Z");
        try (RotatingJsonLines lines = new RotatingJsonLines(dir, 25, 3, clock)) {
            lines.append("a".repeat(14));
        }
        try (RotatingJsonLines lines = new RotatingJsonLines(dir, 25, 3, clock)) {
            assertThat(lines.append("b".repeat(14))).as("15 + 15 > 25").isFalse();
            assertThat(lines.append("c".repeat(5))).isTrue();
        }
        assertThat(Files.readString(dir.resolve("events-2026-12-01.jsonl"), StandardCharsets.UTF_8))
                .isEqualTo("a".repeat(14) + "\n" + "ccccc\n");
    }

    private static List<String> files(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
