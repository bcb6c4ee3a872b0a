package dev.meridian.session;

import dev.meridian.core.SessionLabel;

import java.util.List;

/**
 * Maps an event time (UTC epoch ms) to its trading session. The windows tile the UTC day (the
 * config validator guarantees it; the constructor re-checks); the label is a pure function of
 * time, so replays and backtests use data time. Also answers whether the forex market is closed,
 * over a weekly window that may wrap past Sunday midnight (shipped: Friday 22:00 – Sunday 22:00).
 */
public final class SessionClock {
    private static final int MINUTES_PER_DAY = 24 * 60;
    private static final int MINUTES_PER_WEEK = 7 * MINUTES_PER_DAY;
    /** 1970-01-01 was a Thursday: minutes from a Monday 00:00 UTC to the epoch. */
    private static final long EPOCH_MINUTE_OF_WEEK = 3L * MINUTES_PER_DAY;

    /** A window [fromMinute, toMinute) in minutes after UTC midnight. */
    public record Window(int fromMinute, int toMinute, SessionLabel label) {
    }

    /** A weekly window [fromMinute, toMinute) in minutes after Monday 00:00 UTC; from > to wraps the week. */
    public record WeeklyWindow(int fromMinute, int toMinute) {
        public WeeklyWindow {
            if (fromMinute < 0 || fromMinute >= MINUTES_PER_WEEK || toMinute < 0 || toMinute >= MINUTES_PER_WEEK || fromMinute == toMinute) {
                throw new IllegalArgumentException("weekly window needs two different minutes of the week, got " + fromMinute + ", " + toMinute);
            }
        }

        boolean contains(int minuteOfWeek) {
            return fromMinute < toMinute ? minuteOfWeek >= fromMinute && minuteOfWeek < toMinute
                    : minuteOfWeek >= fromMinute || minuteOfWeek < toMinute;
        }
    }

    private final SessionLabel[] byMinute = new SessionLabel[MINUTES_PER_DAY];
    private final WeeklyWindow forexClosed;

    public SessionClock(List<Window> windows, WeeklyWindow forexClosed) {
        for (Window w : windows) {
            for (int m = w.fromMinute(); m < w.toMinute(); m++) {
                if (byMinute[m] != null) throw new IllegalArgumentException("session windows overlap at minute " + m + " of the day");
                byMinute[m] = w.label();
            }
        }
        for (int m = 0; m < byMinute.length; m++) {
            if (byMinute[m] == null) {
                throw new IllegalArgumentException("session windows leave minute " + m + " of the day uncovered");
            }
        }
        this.forexClosed = forexClosed;
    }

    public SessionLabel labelAt(long epochMs) {
        long minuteOfDay = Math.floorMod(Math.floorDiv(epochMs, 60_000L), MINUTES_PER_DAY);
        return byMinute[(int) minuteOfDay];
    }

    /** True while the forex market is closed: no new forex entries, and silence is not staleness. */
    public boolean forexClosed(long epochMs) {
        long minuteOfWeek = Math.floorMod(Math.floorDiv(epochMs, 60_000L) + EPOCH_MINUTE_OF_WEEK, MINUTES_PER_WEEK);
        return forexClosed.contains((int) minuteOfWeek);
    }
}
