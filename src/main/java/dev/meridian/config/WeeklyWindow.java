package dev.meridian.config;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

/**
 * A recurring UTC window of the week, such as the forex weekend "FRI 22:00" to "SUN 22:00". It may
 * wrap past Sunday midnight.
 *
 * @param fromMinute start, minutes after Monday 00:00 UTC, inclusive, in 0..10079
 * @param toMinute   end, exclusive, in 0..10079 and different from {@code fromMinute}
 */
public record WeeklyWindow(int fromMinute, int toMinute) {
    public WeeklyWindow {
        if (fromMinute < 0 || fromMinute >= Values.MINUTES_PER_WEEK || toMinute < 0 || toMinute >= Values.MINUTES_PER_WEEK) {
            throw new IllegalArgumentException("from and to must lie within the week, got " + fromMinute + ", " + toMinute);
        }
        if (fromMinute == toMinute) {
            throw new IllegalArgumentException("from and to must differ, got " + Values.formatMinuteOfWeek(fromMinute) + " twice");
        }
    }

    public boolean contains(Instant t) {
        ZonedDateTime utc = t.atZone(ZoneOffset.UTC);
        int m = (utc.getDayOfWeek().getValue() - 1) * Values.MINUTES_PER_DAY + utc.getHour() * 60 + utc.getMinute();
        return fromMinute < toMinute ? m >= fromMinute && m < toMinute : m >= fromMinute || m < toMinute;
    }

    @Override public String toString() {
        return "WeeklyWindow[" + Values.formatMinuteOfWeek(fromMinute) + " – " + Values.formatMinuteOfWeek(toMinute) + "]";
    }
}
