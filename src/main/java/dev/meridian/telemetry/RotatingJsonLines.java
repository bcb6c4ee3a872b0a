package dev.meridian.telemetry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.io.OutputStream;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Appends lines to {@code events-YYYY-MM-DD.jsonl} in one directory, a file per UTC day of the wall
 * clock, with two bounds so telemetry can never fill the disk: at most {@code maxBytesPerDay} bytes
 * per file (lines past it are dropped and counted, never half-written) and at most
 * {@code keepDays} files (older ones are deleted when a new day starts and at construction).
 *
 * <p>Blocking file I/O: call it from a worker thread, never an event loop. Not thread-safe; one
 * writer owns it.
 */
public final class RotatingJsonLines implements AutoCloseable {
    private static final Pattern NAME = Pattern.compile("events-(\\d{4}-\\d{2}-\\d{2})\\.jsonl");

    private final Path dir;
    private final long maxBytesPerDay;
    private final int keepDays;
    private final Clock clock;
    private LocalDate day;
    private OutputStream out;
    private long bytes;
    private long dropped;

    public RotatingJsonLines(Path dir, long maxBytesPerDay, int keepDays, Clock clock) {
        if (maxBytesPerDay < 1) throw new IllegalArgumentException("maxBytesPerDay must be >= 1");
        if (keepDays < 1) throw new IllegalArgumentException("keepDays must be >= 1");
        this.dir = dir;
        this.maxBytesPerDay = maxBytesPerDay;
        this.keepDays = keepDays;
        this.clock = clock;
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the telemetry dir " + dir, e);
        }
    }

    /** Appends one line (a newline is added); returns false when the day's bound dropped it. */
    public boolean append(String line) throws IOException {
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        if (!today.equals(day)) open(today);
        byte[] b = (line + "\n").getBytes(StandardCharsets.UTF_8);
        if (bytes + b.length > maxBytesPerDay) {
            dropped++;
            return false;
        }
        out.write(b);
        out.flush();
        bytes += b.length;
        return true;
    }

    /** Lines dropped because a day's file was full, since construction. */
    public long dropped() { return dropped; }

    /** The file lines go to today (it may not exist yet). */
    public Path currentFile() { return file(LocalDate.now(clock.withZone(ZoneOffset.UTC))); }

    private Path file(LocalDate d) { return dir.resolve("events-" + d + ".jsonl"); }

    private void open(LocalDate today) throws IOException {
        close();
        Path f = file(today);
        out = Files.newOutputStream(f, StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
        // A restart on the same day continues the day's file and its bound.
        bytes = Files.size(f);
        day = today;
        deleteOlderThan(today.minusDays(keepDays - 1L));
    }

    private void deleteOlderThan(LocalDate oldestKept) throws IOException {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "events-*.jsonl")) {
            for (Path p : files) {
                Matcher m = NAME.matcher(p.getFileName().toString());
                if (m.matches() && LocalDate.parse(m.group(1)).isBefore(oldestKept)) Files.deleteIfExists(p);
            }
        }
    }

    @Override
    public void close() throws IOException {
        if (out != null) {
            out.close();
            out = null;
        }
        day = null;
    }
}
