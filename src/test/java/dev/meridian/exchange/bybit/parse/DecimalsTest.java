package dev.meridian.exchange.bybit.parse;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class DecimalsTest {
    private static BigDecimal parse(String s) {
        return Decimals.parse(s.toCharArray(), 0, s.length());
    }

    @ParameterizedTest
    @ValueSource(strings = {"64211.00", "0", "0.0", "-0.000012", "007", "123456789012345678", "1234567890.12345678",
            "1234567890123456789", "99999999999999999999.99", "0.00000000000000000001", "1e-8", "1E+3", ".5", "5.", "+5"})
    void equalsBigDecimalsOwnReadingValueAndScale(String text) {
        assertThat(parse(text)).isEqualTo(new BigDecimal(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-", ".", "-.", "1.2.3", " 1", "1 ", "1_000", "1,5", "NaN", "Infinity", "-Infinity",
            "0x10", "1e", "1e999999", "--1", "١٢"})
    void rejectsWhatIsNotAFiniteDecimal(String text) {
        assertThat(parse(text)).isNull();
    }

    @Test
    void rejectsImplausiblyLongNumbers() {
        assertThat(parse("1" + "0".repeat(70))).isNull();
        assertThat(parse("0." + "0".repeat(45) + "1")).isNull();
    }

    @Test
    void readsAWindowOfALargerBuffer() {
        char[] buf = "xx-12.50yy".toCharArray();
        assertThat(Decimals.parse(buf, 2, 6)).isEqualTo(new BigDecimal("-12.50"));
    }

    @Test
    void agreesWithBigDecimalOnRandomPlainDecimals() {
        SplittableRandom random = new SplittableRandom(42);
        for (int n = 0; n < 100_000; n++) {
            StringBuilder text = new StringBuilder();
            if (random.nextInt(4) == 0) text.append('-');
            int whole = 1 + random.nextInt(12);
            for (int i = 0; i < whole; i++) text.append((char) ('0' + random.nextInt(10)));
            int fraction = random.nextInt(10);
            if (fraction > 0) text.append('.');
            for (int i = 0; i < fraction; i++) text.append((char) ('0' + random.nextInt(10)));
            assertThat(parse(text.toString())).as(text.toString()).isEqualTo(new BigDecimal(text.toString()));
        }
    }
}
