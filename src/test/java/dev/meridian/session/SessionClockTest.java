package dev.meridian.session;

import dev.meridian.core.SessionLabel;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The clock alone, on hand-built windows; the shipped policy's boundaries are in {@link ShippedSessionsTest}. */
class SessionClockTest {
    static final List<SessionClock.Window> DESIGN = List.of(
            new SessionClock.Window(0, 7 * 60, SessionLabel.ASIA),
            new SessionClock.Window(7 * 60, 8 * 60, SessionLabel.ASIA_EU),
            new SessionClock.Window(8 * 60, 13 * 60, SessionLabel.EU),
            new SessionClock.Window(13 * 60, 16 * 60, SessionLabel.EU_US),
            new SessionClock.Window(16 * 60, 20 * 60, SessionLabel.US),
            new SessionClock.Window(20 * 60, 24 * 60, SessionLabel.OFF_HOURS));
    /** Friday 22:00 to Sunday 22:00. */
    static final SessionClock.WeeklyWindow WEEKEND = new SessionClock.WeeklyWindow(4 * 1440 + 22 * 60, 6 * 1440 + 22 * 60);

    static long t(String iso) { return Instant.parse(iso).toEpochMilli(); }

    @Test
    void labelsFollowTheWindowsToTheMillisecond() {
        SessionClock c = new SessionClock(DESIGN, WEEKEND);
        assertThat(c.labelAt(t("2023-03-13T06:59:59.999Z"))).isEqualTo(SessionLabel.ASIA);
        assertThat(c.labelAt(t("2023-03-13T07:00:00Z"))).isEqualTo(SessionLabel.ASIA_EU);
        assertThat(c.labelAt(t("1969-12-31T23:59:59Z"))).isEqualTo(SessionLabel.OFF_HOURS); // before the epoch too
    }

    @Test
    void aWeeklyWindowCanWrapPastSundayMidnight() {
        // Sunday 20:00 to Monday 02:00.
        SessionClock c = new SessionClock(DESIGN, new SessionClock.WeeklyWindow(6 * 1440 + 20 * 60, 2 * 60));
        assertThat(c.forexClosed(t("2023-03-19T19:59:00Z"))).isFalse();
        assertThat(c.forexClosed(t("2023-03-19T20:00:00Z"))).isTrue();
        assertThat(c.forexClosed(t("2023-03-20T01:59:00Z"))).isTrue();
        assertThat(c.forexClosed(t("2023-03-20T02:00:00Z"))).isFalse();
    }

    @Test
    void gapsAndOverlapsAreRefused() {
        assertThatThrownBy(() -> new SessionClock(DESIGN.subList(0, 5), WEEKEND)).hasMessageContaining("uncovered");
        List<SessionClock.Window> overlapping = new java.util.ArrayList<>(DESIGN);
        overlapping.add(new SessionClock.Window(13 * 60 + 30, 14 * 60, SessionLabel.US));
        assertThatThrownBy(() -> new SessionClock(overlapping, WEEKEND)).hasMessageContaining("overlap at minute 810");
    }
}
