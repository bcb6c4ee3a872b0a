package dev.meridian.portfolio;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class FundingClockTest {
    private static long at(String iso) { return Instant.parse(iso).toEpochMilli(); }

    @Test
    void theFirstPrintAtOrAfterEachEightHourSettlementSettlesOncePerSymbol() {
        FundingClock c = new FundingClock();
        assertThat(c.settles("BTC", at("2013-11-25T07:59:59Z"))).as("the first print never settles").isFalse();
        assertThat(c.settles("BTC", at("2013-11-25T08:00:00Z"))).isTrue();
        assertThat(c.settles("BTC", at("2013-11-25T08:00:01Z"))).isFalse();
        assertThat(c.settles("ETH", at("2013-11-25T08:00:02Z"))).as("per symbol").isFalse();
        assertThat(c.settles("BTC", at("2013-11-25T15:59:59.999Z"))).isFalse();
        assertThat(c.settles("BTC", at("2013-11-26T00:30:00Z"))).as("16:00 and 00:00 both passed: one settlement").isTrue();
        assertThat(c.settles("ETH", at("2013-11-26T00:30:00Z"))).isTrue();
    }
}
