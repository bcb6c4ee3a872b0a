package dev.meridian.exchange.bybit.ws;

import dev.meridian.exchange.bybit.fake.FakeBybitPrivateServer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BybitPrivateStreamSignatureTest {
    @Test
    void signsTheReferenceTestVector() {
        // Reference section 2: secret "test-secret", plaintext "GET/realtime1662350400000".
        assertThat(BybitPrivateStream.signature("test-secret", 1662350400000L))
                .isEqualTo("f072aab6fa18cd774da998325df6cfc87c3ccf10d5722e6b43b570c5feaf6172");
    }

    @Test
    void theFakeVerifiesWithTheSameSignature() {
        assertThat(FakeBybitPrivateServer.sign("test-secret", 1662350400000L))
                .isEqualTo(BybitPrivateStream.signature("test-secret", 1662350400000L));
    }
}
