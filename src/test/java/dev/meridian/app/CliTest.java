package dev.meridian.app;

import dev.meridian.core.AssetClass;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CliTest {
    @Test
    void runWithReplayAndSpeed() {
        Cli c = Cli.parse(new String[] {"run", "--replay", "btc-trades-2013", "--speed", "max"});
        assertThat(c.command()).isEqualTo("run");
        assertThat(c.replay()).contains("btc-trades-2013");
        assertThat(c.speed()).contains(0.0);
        assertThat(Cli.parse(new String[] {"run", "--replay", "x.csv", "--speed", "60", "--asset", "forex"}).asset()).isEqualTo(AssetClass.FOREX);
        assertThat(Cli.parse(new String[] {"run"}).replay()).isEqualTo(Optional.empty());
    }

    @Test
    void badCommandLinesGetOneClearMessage() {
        assertThatThrownBy(() -> Cli.parse(new String[] {})).hasMessage("no command given");
        assertThatThrownBy(() -> Cli.parse(new String[] {"fly"})).hasMessage("unknown command: fly");
        assertThatThrownBy(() -> Cli.parse(new String[] {"run", "--fast"})).hasMessage("unknown option for run: --fast");
        assertThatThrownBy(() -> Cli.parse(new String[] {"run", "--replay"})).hasMessage("--replay needs a value");
        assertThatThrownBy(() -> Cli.parse(new String[] {"run", "--replay", "x", "--speed", "-3"})).hasMessageContaining("positive number or max");
        assertThatThrownBy(() -> Cli.parse(new String[] {"run", "--speed", "60"})).hasMessage("--speed applies to --replay only");
        assertThatThrownBy(() -> Cli.parse(new String[] {"run", "--asset", "BONDS"})).hasMessageContaining("--asset");
        assertThatThrownBy(() -> Cli.parse(new String[] {"check-config", "--x"})).hasMessageContaining("unknown option");
    }
}
