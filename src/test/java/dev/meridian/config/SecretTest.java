package dev.meridian.config;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SecretTest {

    @Test
    void toStringNeverShowsTheValue() {
        Secret s = Secret.of("hunter2");
        assertThat(s.toString()).isEqualTo("Secret[redacted]");
        assertThat(s.reveal()).isEqualTo("hunter2");
        assertThat(s).isEqualTo(Secret.of("hunter2")).isNotEqualTo(Secret.of("hunter3"));
    }

    @Test
    void aBlankSecretIsRefused() {
        assertThatThrownBy(() -> Secret.of(" ")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theWholeConfigurationPrintsWithoutAnySecret() {
        Map<String, String> env = Map.of(
                "MERIDIAN_PG_URL", "postgresql://bot:pg-pass-1@db/meridian",
                "MERIDIAN_DASHBOARD_TOKEN", "dash-token-2",
                "MERIDIAN_BYBIT_API_KEY", "bybit-key-3",
                "MERIDIAN_BYBIT_API_SECRET", "bybit-secret-4",
                "MERIDIAN_OANDA_TOKEN", "oanda-token-5",
                "MERIDIAN_OANDA_ACCOUNT", "101-004-1-001",
                "MERIDIAN_TELEGRAM_TOKEN", "tg-token-6",
                "MERIDIAN_TELEGRAM_CHAT_ID", "42");
        String printed = Shipped.parse(Shipped.conf(), Shipped.policies(), env).orElseThrow().toString();
        assertThat(printed).contains("Secret[redacted]", "101-004-1-001", "chatIds=[42]")
                .doesNotContain("pg-pass-1", "dash-token-2", "bybit-key-3", "bybit-secret-4", "oanda-token-5", "tg-token-6");
    }
}
