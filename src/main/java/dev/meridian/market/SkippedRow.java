package dev.meridian.market;

import java.util.Objects;

/**
 * A row of a replay source that was not turned into an event, and why.
 *
 * @param line   the 1-based line of the file where the row starts (line 1 of a CSV is its header)
 * @param reason what was wrong with it, in words meant for the user
 */
public record SkippedRow(long line, String reason) {
    public SkippedRow {
        Objects.requireNonNull(reason, "reason");
    }

    @Override
    public String toString() {
        return "line " + line + ": " + reason;
    }
}
