package dev.meridian.web;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DashboardTokenTest {
    @Test
    void generatedOnceStoredOnlyAsHashAndVerifiedAfterRestart(@TempDir Path state) throws Exception {
        DashboardToken first = DashboardToken.init(Optional.empty(), state);
        String token = first.generatedOnce().orElseThrow();
        String stored = Files.readString(state.resolve("dashboard-token.sha256"));
        assertThat(stored).doesNotContain(token);
        DashboardToken second = DashboardToken.init(Optional.empty(), state);
        assertThat(second.generatedOnce()).isEmpty();
        assertThat(second.matches(token)).isTrue();
        assertThat(second.matches(token + "x")).isFalse();
        assertThat(second.matches(null)).isFalse();
    }

    @Test
    void environmentTokenIsUsedAndNothingIsGenerated(@TempDir Path state) throws Exception {
        DashboardToken t = DashboardToken.init(Optional.of("s3cret-token"), state);
        assertThat(t.generatedOnce()).isEmpty();
        assertThat(t.matches("s3cret-token")).isTrue();
        assertThat(Files.exists(state.resolve("dashboard-token.sha256"))).isFalse();
    }

    @Test
    void corruptHashFileIsAClearError(@TempDir Path state) throws Exception {
        Files.writeString(state.resolve("dashboard-token.sha256"), "not-hex");
        assertThatThrownBy(() -> DashboardToken.init(Optional.empty(), state)).hasMessageContaining("is corrupt");
    }
}
