package dev.meridian.market;

import dev.meridian.core.Bar;
import dev.meridian.core.MarketEvent;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;

/**
 * One lazy pass over a {@link ReplaySource}: its events in source order, read a row at a time.
 *
 * <p>Contract:
 * <ul>
 *   <li>Events are numbered {@code seq} = 1, 2, 3, ... over the events the source yields, in
 *       source order, with no gaps; the numbering depends only on the file's content, so a reader
 *       opened {@linkplain ReplaySource#open(long) after seq N} yields event N + 1 first, with the
 *       same value a full read gives it.</li>
 *   <li>Event times never go backwards: a trade earlier than the previous one, or a bar not later
 *       than the previous one (a duplicate), is skipped like a malformed row. Trades with equal
 *       times are all kept.</li>
 *   <li>A malformed row is counted in {@link #skippedRows()} and skipped; the first
 *       {@value #SKIP_REASONS_KEPT} are kept with their line numbers in {@link #skipReasons()}.
 *       Rows before the resume point are checked and counted too, so the counts describe the whole
 *       file.</li>
 *   <li>{@link #hasNext()} and {@link #next()} never throw for bad data. When the rest of the
 *       source cannot be read (an I/O error, broken JSON) the stream ends early and
 *       {@link #failure()} says why; a stream that ended without one read the whole source.</li>
 *   <li>Every event has {@code warmup = false}: warm-up is the consumer's decision.</li>
 * </ul>
 * The file is closed when the stream ends or on {@link #close()}. Not thread-safe.
 */
public final class ReplayReader implements CloseableIterator<MarketEvent> {
    /** Enough to show the user what kind of damage a file has, bounded for a file of garbage. */
    public static final int SKIP_REASONS_KEPT = 10;

    private final String source;
    private final RowSource rows;
    private final long afterSeq;
    private final List<SkippedRow> skipReasons = new ArrayList<>();
    private long lastSeq;
    private long lastTimeMs = Long.MIN_VALUE;
    private long skippedRows;
    private MarketEvent next;
    private boolean ended;
    private String failure;

    ReplayReader(String source, RowSource rows, long afterSeq) {
        this.source = source;
        this.rows = rows;
        this.afterSeq = afterSeq;
    }

    @Override
    public boolean hasNext() {
        while (next == null && !ended) {
            readRow();
        }
        return next != null;
    }

    @Override
    public MarketEvent next() {
        if (!hasNext()) throw new NoSuchElementException("no more events in " + source);
        MarketEvent event = next;
        next = null;
        return event;
    }

    /** Rows skipped so far (malformed or out of time order). */
    public long skippedRows() {
        return skippedRows;
    }

    /** The first {@value #SKIP_REASONS_KEPT} skipped rows, in file order. */
    public List<SkippedRow> skipReasons() {
        return Collections.unmodifiableList(skipReasons);
    }

    /** Why the stream ended before the end of the source, if it did. */
    public Optional<String> failure() {
        return Optional.ofNullable(failure);
    }

    @Override
    public void close() {
        if (ended) return;
        ended = true;
        next = null;
        try {
            rows.close();
        } catch (IOException e) {
            // Only read from: nothing written is lost, and there is nothing the caller could do.
        }
    }

    /** Reads one row: sets {@link #next}, records a skip, or ends the stream. */
    private void readRow() {
        MarketEvent event;
        try {
            event = rows.next(lastSeq + 1);
        } catch (RowException e) {
            skip(e.getMessage());
            return;
        } catch (IOException e) {
            failure = "line " + rows.line() + ": " + Objects.requireNonNullElse(e.getMessage(), e.toString())
                    + "; the rest of " + source + " was not read";
            close();
            return;
        }
        if (event == null) {
            close();
            return;
        }
        long timeMs = event.eventTimeMs();
        boolean duplicateBar = event instanceof Bar && timeMs == lastTimeMs;
        if (timeMs < lastTimeMs || duplicateBar) {
            skip(outOfOrder(event));
            return;
        }
        lastTimeMs = timeMs;
        lastSeq++;
        if (lastSeq > afterSeq) next = event;
    }

    private String outOfOrder(MarketEvent event) {
        if (event instanceof Bar bar) {
            return "bar opening at " + Values.iso(bar.openTimeMs()) + " does not come after the previous bar";
        }
        return "time " + Values.iso(event.eventTimeMs()) + " is before the previous trade's "
                + Values.iso(lastTimeMs);
    }

    private void skip(String reason) {
        skippedRows++;
        if (skipReasons.size() < SKIP_REASONS_KEPT) skipReasons.add(new SkippedRow(rows.line(), reason));
    }
}
