package dev.meridian.exchange.bybit.ws;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StreamOptionsTest {

    @Test
    void defaultsFollowBybitAdvice() {
        StreamOptions o = StreamOptions.defaults();
        assertThat(o.pingInterval()).isEqualTo(Duration.ofSeconds(20));
        assertThat(o.stallTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(o.backoffBase()).isEqualTo(Duration.ofMillis(500));
        assertThat(o.backoffMax()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void stallTimeoutMustExceedPingInterval() {
        assertThatThrownBy(() -> StreamOptions.defaults().withPing(Duration.ofSeconds(20), Duration.ofSeconds(20)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("stallTimeout");
    }

    @Test
    void rejectsSubMillisecondAndInvertedValues() {
        assertThatThrownBy(() -> StreamOptions.defaults().withAckTimeout(Duration.ofNanos(10)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ackTimeout");
        assertThatThrownBy(() -> StreamOptions.defaults().withBackoff(Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("backoffBase");
        assertThatThrownBy(() -> StreamOptions.defaults().withMaxMessageBytes(1024))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxMessageBytes");
    }
}
