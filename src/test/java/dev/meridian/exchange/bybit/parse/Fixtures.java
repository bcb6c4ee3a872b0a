package dev.meridian.exchange.bybit.parse;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Reads the hand-written Bybit frames under {@code src/test/resources/bybit/}. */
final class Fixtures {
    private Fixtures() {
    }

    static String frame(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/bybit/" + name)) {
            if (in == null) throw new IllegalArgumentException("no fixture " + name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
