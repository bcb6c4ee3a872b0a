package dev.meridian.market;

import dev.meridian.core.MarketEvent;
import java.io.Closeable;
import java.io.IOException;

/**
 * The format-specific half of a replay reader: turns the rows of one file into events, in file
 * order. Numbering, ordering checks, resuming and skip accounting live in {@link ReplayReader}.
 */
interface RowSource extends Closeable {
    /**
     * The next row as an event numbered {@code seq}, or null at the end of the data.
     *
     * @throws RowException the row is malformed; the source has moved past it and may be read on
     * @throws IOException  the rest of the source cannot be read
     */
    MarketEvent next(long seq) throws RowException, IOException;

    /** The line where the row last returned (or rejected) by {@link #next} starts. */
    long line();
}
