package dev.meridian.web;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class DashboardSessionsTest {
    private static final String TOKEN_HASH = "ab".repeat(32);

    @Test
    void aSessionSurvivesARestartOfTheSameTokenAndIsStoredOnlyAsAHash() {
        AtomicLong now = new AtomicLong(1_000_000);
        DashboardSessions before = new DashboardSessions(TOKEN_HASH, now::get);
        String id = before.open();
        String stored = before.serialize();
        assertThat(stored).doesNotContain(id).startsWith("token " + TOKEN_HASH + "\n");

        DashboardSessions after = DashboardSessions.restore(TOKEN_HASH, now::get, stored);
        assertThat(after.valid(id)).isTrue();
        assertThat(after.valid(id.substring(1) + "0")).isFalse();
        assertThat(after.valid(null)).isFalse();
    }

    @Test
    void aNewTokenOrAnExpiredSessionSignsTheBrowserOut() {
        AtomicLong now = new AtomicLong(1_000_000);
        DashboardSessions s = new DashboardSessions(TOKEN_HASH, now::get);
        String id = s.open();
        assertThat(DashboardSessions.restore("cd".repeat(32), now::get, s.serialize()).valid(id)).as("other token").isFalse();

        now.addAndGet(DashboardSessions.LIFETIME_MS);
        assertThat(s.valid(id)).as("expired").isFalse();
        assertThat(DashboardSessions.restore(TOKEN_HASH, now::get, s.serialize()).valid(id)).isFalse();
    }

    @Test
    void damagedLinesAreSkipped() {
        AtomicLong now = new AtomicLong(0);
        DashboardSessions s = new DashboardSessions(TOKEN_HASH, now::get);
        String id = s.open();
        String stored = s.serialize() + "garbage\n" + "ff".repeat(32) + " notanumber\n";
        assertThat(DashboardSessions.restore(TOKEN_HASH, now::get, stored).valid(id)).isTrue();
        assertThat(DashboardSessions.restore(TOKEN_HASH, now::get, "").valid(id)).isFalse();
    }
}
