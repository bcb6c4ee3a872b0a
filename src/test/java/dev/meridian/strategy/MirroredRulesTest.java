package dev.meridian.strategy;

import dev.meridian.core.AssetClass;
import dev.meridian.core.Bar;
import dev.meridian.core.Mode;
import dev.meridian.indicators.EthBars;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The short rules are the long rules upside down: on real ETH bars, every mode's setup and exit on
 * the mirrored features equal the same mode's setup and exit on the price series reflected through
 * a constant (K − price), bar by bar.
 */
class MirroredRulesTest {
    @Test
    void shortSetupsOnTheMirrorAreLongSetupsOfTheReflectedMarket() {
        double k = 2 * EthBars.BARS.stream().mapToDouble(EthBars.Bar::high).max().orElseThrow();
        Features real = new Features(StrategyBars.params());
        Features reflected = new Features(StrategyBars.params());
        int compared = 0, fired = 0;
        for (int i = 0; i < EthBars.BARS.size(); i++) {
            EthBars.Bar b = EthBars.BARS.get(i);
            real.update(bar(i, b.open(), b.high(), b.low(), b.close(), b.volume()));
            reflected.update(bar(i, k - b.open(), k - b.low(), k - b.high(), k - b.close(), b.volume()));
            if (!real.ready()) continue;
            assertThat(reflected.ready()).isTrue();
            for (Mode m : Mode.values()) {
                ModeStrategy s = SymbolTrader.strategy(m);
                Optional<ModeStrategy.Setup> mirrored = s.entry(real.mirrored());
                Optional<ModeStrategy.Setup> expected = s.entry(reflected);
                assertThat(mirrored.isPresent()).as(m + " at bar " + i).isEqualTo(expected.isPresent());
                mirrored.ifPresent(x -> {
                    assertThat(x.strength()).isCloseTo(expected.get().strength(), within(1e-6));
                    assertThat(x.confirmation()).isCloseTo(expected.get().confirmation(), within(1e-6));
                });
                assertThat(s.exitSignal(real.mirrored()).isPresent()).as(m + " exit at bar " + i)
                        .isEqualTo(s.exitSignal(reflected).isPresent());
                if (mirrored.isPresent()) fired++;
                compared++;
            }
        }
        assertThat(compared).isGreaterThan(2_000);
        assertThat(fired).as("short setups that fired").isGreaterThan(10);
    }

    @Test
    void mirroringTwiceGivesTheSameView() {
        Features f = new Features(StrategyBars.params());
        assertThat(f.mirrored().mirrored()).isSameAs(f);
    }

    private static Bar bar(int i, double o, double h, double l, double c, double v) {
        return new Bar("ETHUSD", AssetClass.PERP, 300, 1_678_665_600_000L + i * 300_000L, BigDecimal.valueOf(o),
                BigDecimal.valueOf(h), BigDecimal.valueOf(l), BigDecimal.valueOf(c), BigDecimal.valueOf(v), i, false);
    }
}
