package dev.meridian.exchange.oanda;

import java.time.Duration;
import java.util.Objects;
import java.util.Random;
import java.util.random.RandomGenerator;

/**
 * Tuning knobs of an {@link OandaPricingStream}; immutable, validated on construction.
 *
 * <p>Invariants: every duration is at least 1 ms (timers tick in ms); {@code backoffBase <= backoffMax};
 * {@code maxLineBytes >= 1024}.
 *
 * @param heartbeatTimeout no complete line (price or heartbeat) for this long ⇒ the connection is
 *                         dropped and re-opened. OANDA sends a heartbeat every 5 s, so 10 s tolerates
 *                         one lost heartbeat; shorter detects a half-dead connection sooner but risks
 *                         dropping a healthy one on a slow network. Added to {@code connectTimeout}, it
 *                         also bounds the wait for the answer to an attempt.
 * @param connectTimeout   limit on the TCP connect and TLS handshake of one attempt
 * @param backoffBase      ceiling of the first reconnect delay; it doubles per failed attempt (with
 *                         full jitter, see {@link dev.meridian.exchange.Backoff})
 * @param backoffMax       cap of that ceiling; OANDA allows at most 2 new connections per second and
 *                         20 streams per IP, so reconnecting in a tight loop would only get us refused
 * @param rejectedRetry    the least wait after a 401: the token will not start working by itself, so
 *                         retrying fast only floods the log; retrying at all lets a fixed account
 *                         permission heal without a restart
 * @param stableAfter      a connection that lived this long resets the backoff; one that the server
 *                         accepts and drops at once keeps the backoff growing instead of looping
 * @param maxLineBytes     longest line accepted; a price line is well under 1 KB, so a longer one
 *                         means the stream is not what we think and the connection is re-opened
 * @param random           source of the backoff jitter; inject a seeded one in tests
 */
public record OandaStreamOptions(Duration heartbeatTimeout, Duration connectTimeout, Duration backoffBase, Duration backoffMax,
                                 Duration rejectedRetry, Duration stableAfter, int maxLineBytes, RandomGenerator random) {
    public OandaStreamOptions {
        positive("heartbeatTimeout", heartbeatTimeout);
        positive("connectTimeout", connectTimeout);
        positive("backoffBase", backoffBase);
        positive("backoffMax", backoffMax);
        positive("rejectedRetry", rejectedRetry);
        positive("stableAfter", stableAfter);
        Objects.requireNonNull(random, "random");
        if (backoffBase.compareTo(backoffMax) > 0) {
            throw new IllegalArgumentException("backoffBase (" + backoffBase + ") must not exceed backoffMax (" + backoffMax + ")");
        }
        if (maxLineBytes < 1024) throw new IllegalArgumentException("maxLineBytes must be at least 1024, got " + maxLineBytes);
    }

    /** Production values: 10 s heartbeat timeout, 10 s connect, backoff 0.5 s doubling to 30 s, 60 s after a 401. */
    public static OandaStreamOptions defaults() {
        return new OandaStreamOptions(Duration.ofSeconds(10), Duration.ofSeconds(10), Duration.ofMillis(500), Duration.ofSeconds(30),
                Duration.ofSeconds(60), Duration.ofSeconds(60), 64 * 1024, new Random());
    }

    /** These options with other reconnect delays. */
    public OandaStreamOptions withBackoff(Duration base, Duration max, Duration rejected, Duration stable) {
        return new OandaStreamOptions(heartbeatTimeout, connectTimeout, base, max, rejected, stable, maxLineBytes, random);
    }

    private static void positive(String name, Duration d) {
        Objects.requireNonNull(d, name);
        if (d.toMillis() < 1) throw new IllegalArgumentException(name + " must be at least 1 ms, got " + d);
    }
}
