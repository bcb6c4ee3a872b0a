package dev.meridian.market;

import dev.meridian.config.WeeklyWindow;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** No stale alarm for a forex feed while the forex market is closed; the limit runs again from the reopening. */
class ForexStalenessTest {
    /** Friday 22:00 (4 days + 22 h after Monday 00:00 = minute 7,080) to Sunday 22:00 (minute 9,960), as shipped. */
    private static final WeeklyWindow WEEKEND = new WeeklyWindow(4 * 1440 + 22 * 60, 6 * 1440 + 22 * 60);
    private static final String FX = "FOREX:USD_JPY";
    private static final String BTC = "SPOT:BTCUSDT";

    private static long at(String iso) { return Instant.parse(iso).toEpochMilli(); }

    @Test
    void aSilentForexFeedIsNotStaleOverTheWeekendButIsSoonAfterTheReopening() {
        StalenessMonitor m = new StalenessMonitor(30_000, Optional.of(WEEKEND));
        // 8 March 2024 was a Friday. Both feeds' last messages ten seconds before the forex close.
        m.seen(FX, at("2024-03-08T21:59:50Z"));
        m.seen(BTC, at("2024-03-08T21:59:50Z"));
        // 40 s of silence, 20 of them after the close: only the crypto feed is stale.
        assertThat(m.stale(at("2024-03-08T22:00:30Z"))).containsExactly(BTC);
        assertThat(m.stale(at("2024-03-09T12:00:00Z"))).containsExactly(BTC);
        assertThat(m.stale(at("2024-03-10T21:59:59Z"))).containsExactly(BTC);
        // Reopened at Sunday 22:00: the 30 s limit counts from then, not from Friday.
        assertThat(m.stale(at("2024-03-10T22:00:30Z"))).containsExactly(BTC);
        assertThat(m.stale(at("2024-03-10T22:00:31Z"))).containsExactlyInAnyOrder(BTC, FX);
        // A first price of the week makes it fresh again, and the week runs as usual.
        m.seen(FX, at("2024-03-10T22:00:40Z"));
        assertThat(m.stale(at("2024-03-10T22:01:10Z"))).containsExactly(BTC);
        assertThat(m.stale(at("2024-03-12T10:00:00Z"))).containsExactlyInAnyOrder(BTC, FX);
    }

    @Test
    void withoutTheWindowEveryKeyIsJudgedAlike() {
        // The plain monitor (as the Bybit market verticle builds it) would call a closed forex market stale.
        StalenessMonitor m = new StalenessMonitor(30_000);
        m.seen(FX, at("2024-03-08T21:59:50Z"));
        assertThat(m.stale(at("2024-03-09T12:00:00Z"))).containsExactly(FX);
    }

    @Test
    void aFeedLastHeardFromAfterTheReopeningCountsFromItsLastMessage() {
        StalenessMonitor m = new StalenessMonitor(30_000, Optional.of(WEEKEND));
        m.seen(FX, at("2024-03-11T09:00:00Z"));
        assertThat(m.stale(at("2024-03-11T09:00:30Z"))).isEmpty();
        assertThat(m.stale(at("2024-03-11T09:00:31Z"))).containsExactly(FX);
    }
}
