package dev.meridian.app;

import dev.meridian.config.MeridianConfig;
import dev.meridian.config.Policies;
import dev.meridian.config.ShippedConfig;
import dev.meridian.core.AssetClass;
import dev.meridian.core.Mode;
import dev.meridian.core.SessionLabel;
import dev.meridian.session.SessionClock;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shipped {@code policies/session_policy.json} through the same mapping the bot uses: every
 * boundary minute of the spec's windows, the overlap resolution of DESIGN.md (the overlap windows
 * win), the size bias (overlaps up, Asia down) and the forex weekend.
 */
class ShippedSessionsTest {
    private static final MeridianConfig CONFIG = ShippedConfig.load();
    private static final Policies P = CONFIG.policies();
    private static final SessionClock CLOCK = Configs.sessionClock(CONFIG);

    private static SessionLabel at(String hhmm) { return CLOCK.labelAt(Instant.parse("2023-03-15T" + hhmm + ":00Z").toEpochMilli()); }

    @Test
    void everyBoundaryMinute() {
        assertThat(at("23:59")).isEqualTo(SessionLabel.OFF_HOURS);
        assertThat(at("00:00")).isEqualTo(SessionLabel.ASIA);
        assertThat(at("06:59")).isEqualTo(SessionLabel.ASIA);
        assertThat(at("07:00")).isEqualTo(SessionLabel.ASIA_EU);   // spec: EU opens, ASIA still open → overlap wins
        assertThat(at("07:59")).isEqualTo(SessionLabel.ASIA_EU);
        assertThat(at("08:00")).isEqualTo(SessionLabel.EU);        // spec: ASIA closes
        assertThat(at("12:59")).isEqualTo(SessionLabel.EU);
        assertThat(at("13:00")).isEqualTo(SessionLabel.EU_US);     // spec: EU↔US overlap opens before US does
        assertThat(at("13:29")).isEqualTo(SessionLabel.EU_US);
        assertThat(at("13:30")).isEqualTo(SessionLabel.EU_US);     // spec: US opens inside the overlap
        assertThat(at("14:59")).isEqualTo(SessionLabel.EU_US);
        assertThat(at("15:00")).isEqualTo(SessionLabel.EU_US);     // spec: EU closes, overlap runs to 16:00
        assertThat(at("15:59")).isEqualTo(SessionLabel.EU_US);
        assertThat(at("16:00")).isEqualTo(SessionLabel.US);
        assertThat(at("19:59")).isEqualTo(SessionLabel.US);
        assertThat(at("20:00")).isEqualTo(SessionLabel.OFF_HOURS); // spec: US closes
    }

    @Test
    void overlapsBiasSizeUpAndAsiaDown() {
        var s = P.session();
        var eu = s.profile(SessionLabel.EU, AssetClass.SPOT).sizeMult();
        assertThat(s.profile(SessionLabel.ASIA_EU, AssetClass.SPOT).sizeMult()).isGreaterThan(eu);
        assertThat(s.profile(SessionLabel.EU_US, AssetClass.SPOT).sizeMult()).isGreaterThan(eu);
        assertThat(s.profile(SessionLabel.ASIA, AssetClass.SPOT).sizeMult()).isLessThan(eu);
        // FOREX's own factor in Asia on top of the session's.
        assertThat(s.profile(SessionLabel.ASIA, AssetClass.FOREX).sizeMult())
                .isLessThan(s.profile(SessionLabel.ASIA, AssetClass.SPOT).sizeMult());
    }

    @Test
    void sessionsAllowModes() {
        assertThat(P.session().sessions().get(SessionLabel.ASIA).allowedModes()).contains(Mode.MEAN_REVERSION);
        assertThat(P.session().sessions().get(SessionLabel.EU_US).allowedModes()).contains(Mode.INTRADAY_TREND);
    }

    @Test
    void forexWeekend() {
        // 2023-03-17 is a Friday.
        assertThat(CLOCK.forexClosed(Instant.parse("2023-03-17T21:59:00Z").toEpochMilli())).isFalse();
        assertThat(CLOCK.forexClosed(Instant.parse("2023-03-17T22:00:00Z").toEpochMilli())).isTrue();
        assertThat(CLOCK.forexClosed(Instant.parse("2023-03-18T12:00:00Z").toEpochMilli())).isTrue();
        assertThat(CLOCK.forexClosed(Instant.parse("2023-03-19T21:59:00Z").toEpochMilli())).isTrue();
        assertThat(CLOCK.forexClosed(Instant.parse("2023-03-19T22:00:00Z").toEpochMilli())).isFalse();
        assertThat(CLOCK.forexClosed(Instant.parse("2023-03-20T03:00:00Z").toEpochMilli())).isFalse();
    }
}
