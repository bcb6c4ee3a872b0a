package dev.meridian.market;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TradeDeduperAndStalenessTest {
    @Test
    void duplicatesWithinTheWindowAreRefused() {
        TradeDeduper d = new TradeDeduper(2);
        assertThat(d.firstTime("a")).isTrue();
        assertThat(d.firstTime("a")).isFalse();
        assertThat(d.firstTime("b")).isTrue();
        assertThat(d.firstTime("c")).isTrue();   // evicts "a"
        assertThat(d.firstTime("b")).isFalse();
        assertThat(d.firstTime("a")).isTrue();
    }

    @Test
    void symbolsGoStaleAfterTheLimitAndRecoverWithTheNextMessage() {
        StalenessMonitor m = new StalenessMonitor(30_000);
        m.expect("SPOT:BTCUSDT", 0);
        m.expect("SPOT:ETHUSDT", 0);
        m.seen("SPOT:ETHUSDT", 20_000);
        assertThat(m.stale(30_000)).isEmpty();
        assertThat(m.stale(30_001)).containsExactly("SPOT:BTCUSDT");
        assertThat(m.stale(50_001)).containsExactly("SPOT:BTCUSDT", "SPOT:ETHUSDT");
        m.seen("SPOT:BTCUSDT", 50_002);
        assertThat(m.stale(50_003)).containsExactly("SPOT:ETHUSDT");
        m.forget("SPOT:ETHUSDT");
        assertThat(m.stale(99_999)).containsExactly("SPOT:BTCUSDT");
    }
}
