package dev.meridian.exchange.oanda;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The REST and stream settings: the REST backoff schedule, and settings that cannot work refused up front. */
class OandaSettingsTest {
    private static final URI PRACTICE = URI.create("https://api-fxpractice.oanda.com");

    @Test
    void restBackoffDoublesFromTheBaseUpToTheCap() {
        OandaRestSettings s = new OandaRestSettings(PRACTICE, Duration.ofSeconds(10), 6, Duration.ofMillis(500), Duration.ofSeconds(3));
        assertThat(List.of(s.backoffMs(1), s.backoffMs(2), s.backoffMs(3), s.backoffMs(4), s.backoffMs(5)))
                .containsExactly(500L, 1_000L, 2_000L, 3_000L, 3_000L);
        OandaRestSettings zero = new OandaRestSettings(PRACTICE, Duration.ofSeconds(1), 2, Duration.ZERO, Duration.ZERO);
        assertThat(zero.backoffMs(1)).as("Vert.x timers need 1 ms").isEqualTo(1L);
        assertThat(OandaRestSettings.defaults(PRACTICE).maxAttempts()).isEqualTo(4);
    }

    @Test
    void restSettingsThatCannotWorkAreRefused() {
        assertThatThrownBy(() -> new OandaRestSettings(URI.create("https://api-fxpractice.oanda.com/"), Duration.ofSeconds(1), 1,
                Duration.ZERO, Duration.ZERO)).hasMessageContaining("must not end with '/'");
        assertThatThrownBy(() -> new OandaRestSettings(URI.create("ftp://x"), Duration.ofSeconds(1), 1, Duration.ZERO, Duration.ZERO))
                .hasMessageContaining("absolute http(s) URL");
        assertThatThrownBy(() -> new OandaRestSettings(PRACTICE, Duration.ZERO, 1, Duration.ZERO, Duration.ZERO))
                .hasMessageContaining("requestTimeout");
        assertThatThrownBy(() -> new OandaRestSettings(PRACTICE, Duration.ofSeconds(1), 0, Duration.ZERO, Duration.ZERO))
                .hasMessageContaining("maxAttempts");
        assertThatThrownBy(() -> new OandaRestSettings(PRACTICE, Duration.ofSeconds(1), 1, Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .hasMessageContaining("backoffBase <= backoffMax");
    }

    @Test
    void streamOptionsThatCannotWorkAreRefused() {
        OandaStreamOptions d = OandaStreamOptions.defaults();
        assertThat(d.heartbeatTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThatThrownBy(() -> new OandaStreamOptions(Duration.ZERO, d.connectTimeout(), d.backoffBase(), d.backoffMax(),
                d.rejectedRetry(), d.stableAfter(), d.maxLineBytes(), new Random())).hasMessageContaining("heartbeatTimeout");
        assertThatThrownBy(() -> d.withBackoff(Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1)))
                .hasMessageContaining("must not exceed backoffMax");
        assertThatThrownBy(() -> new OandaStreamOptions(d.heartbeatTimeout(), d.connectTimeout(), d.backoffBase(), d.backoffMax(),
                d.rejectedRetry(), d.stableAfter(), 100, new Random())).hasMessageContaining("maxLineBytes");
    }
}
