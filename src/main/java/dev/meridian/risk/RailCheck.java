package dev.meridian.risk;

import java.util.Objects;

/**
 * The outcome of one {@link RiskRails} check: either OK, or a refusal carrying a
 * {@link RailReason} and a human message that quotes the numbers that decided it.
 *
 * <p>Invariant: {@code ok() == (reason() == null)}, and a refusal always has a non-blank message.
 *
 * @param reason  null when the check passed
 * @param message empty when the check passed
 */
public record RailCheck(RailReason reason, String message) {
    private static final RailCheck OK = new RailCheck(null, "");

    public RailCheck {
        Objects.requireNonNull(message, "message");
        if (reason == null && !message.isEmpty()) throw new IllegalArgumentException("an OK check has no message");
        if (reason != null && message.isBlank()) throw new IllegalArgumentException("a refusal needs a message");
    }

    public static RailCheck passed() { return OK; }

    public static RailCheck refuse(RailReason reason, String message) {
        return new RailCheck(Objects.requireNonNull(reason, "reason"), message);
    }

    public boolean ok() { return reason == null; }
}
