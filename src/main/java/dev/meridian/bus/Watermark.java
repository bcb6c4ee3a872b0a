package dev.meridian.bus;

/**
 * Flows down the decision chain (market → regime → strategy → risk → execution → portfolio) in the
 * same ordered stream as the messages it follows. When the portfolio receives it, every effect of
 * the source events up to {@code seq} has been booked; the portfolio then acknowledges it to the
 * market so the next events may go (that is what makes replays deterministic), and may commit
 * {@code seq} as the replay position of {@code source} when the source is {@code resumable} (a
 * replay; a live stream cannot be resumed, so nothing is stored for it). {@code end} marks the last
 * event of a finite source.
 */
public record Watermark(String source, long seq, long eventTimeMs, boolean end, boolean resumable) {
}
