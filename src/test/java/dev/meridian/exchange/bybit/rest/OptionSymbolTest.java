package dev.meridian.exchange.bybit.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meridian.core.Instrument.OptionSpec;
import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OptionSymbolTest {
    private static long at8Utc(String date) {
        return Instant.parse(date + "T08:00:00Z").toEpochMilli();
    }

    @Test
    void usdcOptionsHaveNoSuffix() {
        assertThat(OptionSymbol.parse("BTC-29JUL22-25000-C"))
                .isEqualTo(new OptionSpec("BTC", at8Utc("2022-07-29"), new BigDecimal("25000"), true, ""));
    }

    @Test
    void usdtOptionsCarryTheirSettleCoinAsSuffix() {
        assertThat(OptionSymbol.parse("BTC-30AUG24-50000-C-USDT"))
                .isEqualTo(new OptionSpec("BTC", at8Utc("2024-08-30"), new BigDecimal("50000"), true, "USDT"));
        assertThat(OptionSymbol.parse("BTC-27MAR26-70000-P-USDT"))
                .isEqualTo(new OptionSpec("BTC", 1774598400000L, new BigDecimal("70000"), false, "USDT"));
    }

    @Test
    void aOneDigitDayAndAFractionalStrikeParse() {
        assertThat(OptionSymbol.parse("ETH-3JAN23-1250-P"))
                .isEqualTo(new OptionSpec("ETH", at8Utc("2023-01-03"), new BigDecimal("1250"), false, ""));
        assertThat(OptionSymbol.parse("XRP-28FEB25-2.5-C").strike()).isEqualTo(new BigDecimal("2.5"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
            "BTCUSDT                   ; expected UNDERLYING-DMMMYY-STRIKE-C|P[-SETTLE]",
            "BTC-29JUL22-C             ; expected UNDERLYING-DMMMYY-STRIKE-C|P[-SETTLE]",
            "BTC-29JUL22-25000-X       ; option type \"25000\" is neither C nor P",
            "BTC-29JUL22-25000-X-USDT  ; option type \"X\" is neither C nor P",
            "BTC-29JUL22-25000-C-usdt  ; settle suffix \"usdt\" is not a coin",
            "BTC-29JUL22-25000-C-USDT-X ; option type \"USDT\" is neither C nor P",
            "BTC-29JLY22-25000-C       ; expiry month \"JLY\" is not JAN..DEC",
            "BTC-31JUN22-25000-C       ; expiry \"31JUN22\" is not a calendar date",
            "BTC-2022-07-29-25000-C    ; expected UNDERLYING-DMMMYY-STRIKE-C|P[-SETTLE]",
            "BTC-29JUL2022-25000-C     ; expiry \"29JUL2022\" is not DMMMYY",
            "BTC-29JUL22-0-C           ; strike must be > 0",
            "BTC-29JUL22-25k-C         ; strike \"25k\" is not a number",
            "BTC-29JUL22--C            ; strike \"\" is not a number",
            "-29JUL22-25000-C          ; underlying \"\" is not a coin",
    })
    void malformedSymbolsAreRejectedNamingTheBadPart(String symbol, String why) {
        assertThatThrownBy(() -> OptionSymbol.parse(symbol)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not a Bybit option symbol \"" + symbol + "\": " + why);
    }

    @Test
    void anEmptySymbolIsRejected() {
        assertThatThrownBy(() -> OptionSymbol.parse("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> OptionSymbol.parse(null)).isInstanceOf(IllegalArgumentException.class);
    }
}
