package dev.meridian.exchange.bybit.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The vectors of exchange-apis.md §2 (secret {@code test-secret}), checked independently with openssl. */
class BybitSignerTest {
    private static final String SECRET = "test-secret";

    @Test
    void getVectorSignsTimestampKeyWindowAndQueryString() {
        assertThat(BybitSigner.sign(SECRET, 1658384314791L, "XXXXXXXXXX", 5000, "category=option&symbol=BTC-29JUL22-25000-C"))
                .isEqualTo("236d8f7132d3e4c8bad803010e296f3d07211356e54c01455b26c8229a682297");
    }

    @Test
    void postVectorSignsTheBodyBytesAsSent() {
        assertThat(BybitSigner.sign(SECRET, 1658385579423L, "XXXXXXXXXX", 5000, "{\"category\": \"option\"}"))
                .isEqualTo("17a6bfe3e7a2aa41dffd3f16bfa0febb8b18ff79bb33de625705dc86876feffe");
    }

    @Test
    void webSocketAuthVector() {
        assertThat(BybitSigner.hmacSha256Hex(SECRET, "GET/realtime1662350400000"))
                .isEqualTo("f072aab6fa18cd774da998325df6cfc87c3ccf10d5722e6b43b570c5feaf6172");
    }

    @Test
    void aDifferentlySerialisedBodyGivesADifferentSignature() {
        // Why the client signs the string it sends: whitespace alone changes the HMAC.
        assertThat(BybitSigner.sign(SECRET, 1658385579423L, "XXXXXXXXXX", 5000, "{\"category\":\"option\"}"))
                .isNotEqualTo("17a6bfe3e7a2aa41dffd3f16bfa0febb8b18ff79bb33de625705dc86876feffe");
    }

    @Test
    void headersCarryKeyTimestampSignatureAndWindow() {
        Map<String, String> h = BybitSigner.headers(SECRET, 1658384314791L, "XXXXXXXXXX", 5000,
                "category=option&symbol=BTC-29JUL22-25000-C");

        assertThat(h).containsExactly(
                Map.entry("X-BAPI-API-KEY", "XXXXXXXXXX"),
                Map.entry("X-BAPI-TIMESTAMP", "1658384314791"),
                Map.entry("X-BAPI-SIGN", "236d8f7132d3e4c8bad803010e296f3d07211356e54c01455b26c8229a682297"),
                Map.entry("X-BAPI-RECV-WINDOW", "5000"));
    }
}
