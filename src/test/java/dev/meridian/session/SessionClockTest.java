package dev.meridian.session;

import dev.meridian.core.SessionLabel;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SessionClockTest {
    static final List<SessionClock.Window> DESIGN = List.of(
            new SessionClock.Window(0, 7 * 60, SessionLabel.ASIA),
            new SessionClock.Window(7 * 60, 8 * 60, SessionLabel.ASIA_EU),
            new SessionClock.Window(8 * 60, 13 * 60, SessionLabel.EU),
            new SessionClock.Window(13 * 60, 16 * 60, SessionLabel.EU_US),
            new SessionClock.Window(16 * 60, 20 * 60, SessionLabel.US),
            new SessionClock.Window(20 * 60, 24 * 60, SessionLabel.OFF_HOURS));

    static long t(String iso) { return Instant.parse(iso).toEpochMilli(); }

    @Test
    void overlapWindowsWinAtTheEdges() {
        SessionClock c = new SessionClock(DESIGN);
        assertThat(c.labelAt(t("2023-03-13T00:00:00Z"))).isEqualTo(SessionLabel.ASIA);
        assertThat(c.labelAt(t("2023-03-13T06:59:59.999Z"))).isEqualTo(SessionLabel.ASIA);
        assertThat(c.labelAt(t("2023-03-13T07:00:00Z"))).isEqualTo(SessionLabel.ASIA_EU);
        assertThat(c.labelAt(t("2023-03-13T08:00:00Z"))).isEqualTo(SessionLabel.EU);
        assertThat(c.labelAt(t("2023-03-13T13:00:00Z"))).isEqualTo(SessionLabel.EU_US);
        assertThat(c.labelAt(t("2023-03-13T15:59:00Z"))).isEqualTo(SessionLabel.EU_US);
        assertThat(c.labelAt(t("2023-03-13T16:00:00Z"))).isEqualTo(SessionLabel.US);
        assertThat(c.labelAt(t("2023-03-13T20:00:00Z"))).isEqualTo(SessionLabel.OFF_HOURS);
        assertThat(c.labelAt(t("2023-03-13T23:59:59Z"))).isEqualTo(SessionLabel.OFF_HOURS);
    }

    @Test
    void forexWeekendClosure() {
        assertThat(SessionClock.forexClosed(t("2023-03-17T21:59:00Z"))).isFalse(); // Friday
        assertThat(SessionClock.forexClosed(t("2023-03-17T22:00:00Z"))).isTrue();
        assertThat(SessionClock.forexClosed(t("2023-03-18T12:00:00Z"))).isTrue();  // Saturday
        assertThat(SessionClock.forexClosed(t("2023-03-19T21:59:00Z"))).isTrue();  // Sunday
        assertThat(SessionClock.forexClosed(t("2023-03-19T22:00:00Z"))).isFalse();
    }

    @Test
    void gapsAreRefused() {
        assertThatThrownBy(() -> new SessionClock(DESIGN.subList(0, 5))).hasMessageContaining("uncovered");
    }
}
