package dev.meridian.session;

import dev.meridian.core.SessionLabel;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;

/**
 * Maps an event time (UTC epoch ms) to its trading session. The windows tile the UTC day (the
 * config validator guarantees it); the label is a pure function of time, so replays and backtests
 * use data time. Also answers whether the forex market is closed (Friday 22:00 – Sunday 22:00 UTC).
 */
public final class SessionClock {
    /** A window [fromMinute, toMinute) in minutes after UTC midnight. */
    public record Window(int fromMinute, int toMinute, SessionLabel label) {
    }

    private final SessionLabel[] byMinute = new SessionLabel[24 * 60];

    public SessionClock(List<Window> windows) {
        for (Window w : windows) {
            for (int m = w.fromMinute(); m < w.toMinute(); m++) {
                byMinute[m] = w.label();
            }
        }
        for (int m = 0; m < byMinute.length; m++) {
            if (byMinute[m] == null) {
                throw new IllegalArgumentException("session windows leave minute " + m + " of the day uncovered");
            }
        }
    }

    public SessionLabel labelAt(long epochMs) {
        long minuteOfDay = Math.floorMod(Math.floorDiv(epochMs, 60_000L), 24 * 60L);
        return byMinute[(int) minuteOfDay];
    }

    /** Forex is closed from Friday 22:00 to Sunday 22:00 UTC. */
    public static boolean forexClosed(long epochMs) {
        ZonedDateTime t = Instant.ofEpochMilli(epochMs).atZone(ZoneOffset.UTC);
        DayOfWeek d = t.getDayOfWeek();
        int h = t.getHour();
        return (d == DayOfWeek.FRIDAY && h >= 22) || d == DayOfWeek.SATURDAY || (d == DayOfWeek.SUNDAY && h < 22);
    }
}
