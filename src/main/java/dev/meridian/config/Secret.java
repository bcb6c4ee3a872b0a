package dev.meridian.config;

import java.util.Objects;

/**
 * A credential (API key or secret, token, database URL with a password). {@link #toString()} never
 * shows the value, so a secret that ends up in a log line, an exception or a record's
 * {@code toString()} stays hidden; only {@link #reveal()} gives it out, at the one place that
 * sends it to its peer.
 */
public final class Secret {
    private final String value;

    private Secret(String value) { this.value = value; }

    /** @throws IllegalArgumentException if {@code value} is blank (an empty credential is a mistake, not a secret) */
    public static Secret of(String value) {
        Objects.requireNonNull(value, "value");
        if (value.isBlank()) throw new IllegalArgumentException("a secret must not be blank");
        return new Secret(value);
    }

    /** The plain value. Call it only where the value leaves for its peer (signing, a header, a connect URL). */
    public String reveal() { return value; }

    @Override public String toString() { return "Secret[redacted]"; }

    @Override public boolean equals(Object o) { return o instanceof Secret s && s.value.equals(value); }

    @Override public int hashCode() { return value.hashCode(); }
}
