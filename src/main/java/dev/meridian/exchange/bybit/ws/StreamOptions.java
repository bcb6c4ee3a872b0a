package dev.meridian.exchange.bybit.ws;

import java.time.Duration;
import java.util.Objects;
import java.util.Random;
import java.util.random.RandomGenerator;

/**
 * Tuning knobs of a {@link BybitPublicStream}; immutable, validated on construction.
 *
 * <p>Invariants: every duration is at least 1 ms (timers tick in ms); {@code stallTimeout > pingInterval} (an idle connection
 * with no subscriptions hears only pongs, so a shorter stall timeout would drop healthy connections);
 * {@code backoffBase <= backoffMax}; {@code maxMessageBytes >= 65536}.
 *
 * @param pingInterval    how often {@code {"op":"ping"}} is sent. Bybit asks for 20 s; shorter costs
 *                        bandwidth, longer risks the server's own idle cut-off.
 * @param stallTimeout    no inbound message of any kind for this long ⇒ the connection is dropped and
 *                        re-opened. Shorter detects a half-dead TCP connection sooner but must leave a
 *                        pong time to arrive; default 30 s = one ping interval + 10 s (pybit's pong timeout).
 * @param connectTimeout  limit on TCP connect, TLS handshake and WebSocket upgrade of one attempt.
 * @param ackTimeout      a subscribe request with no ack after this long has its topics recorded as
 *                        failed (and retried after the next reconnect).
 * @param backoffBase     ceiling of the first reconnect delay; the ceiling doubles per failed attempt.
 * @param backoffMax      cap of the ceiling. Higher is gentler on the exchange (Bybit allows 500
 *                        connections per 5 minutes per domain), lower heals faster.
 * @param stableAfter     a connection that lived this long resets the backoff; a server that accepts
 *                        and then drops us at once keeps the backoff growing instead of looping.
 * @param maxMessageBytes largest inbound frame or message accepted; deep order-book snapshots run to
 *                        hundreds of KB, and Vert.x's 64 KB default frame limit would drop the connection.
 * @param random          source of the backoff jitter; inject a seeded one in tests.
 */
public record StreamOptions(Duration pingInterval, Duration stallTimeout, Duration connectTimeout, Duration ackTimeout,
                            Duration backoffBase, Duration backoffMax, Duration stableAfter, int maxMessageBytes,
                            RandomGenerator random) {

    public StreamOptions {
        positive("pingInterval", pingInterval);
        positive("stallTimeout", stallTimeout);
        positive("connectTimeout", connectTimeout);
        positive("ackTimeout", ackTimeout);
        positive("backoffBase", backoffBase);
        positive("backoffMax", backoffMax);
        positive("stableAfter", stableAfter);
        Objects.requireNonNull(random, "random");
        if (stallTimeout.compareTo(pingInterval) <= 0) {
            throw new IllegalArgumentException("stallTimeout (" + stallTimeout + ") must exceed pingInterval (" + pingInterval + ")");
        }
        if (backoffBase.compareTo(backoffMax) > 0) {
            throw new IllegalArgumentException("backoffBase (" + backoffBase + ") must not exceed backoffMax (" + backoffMax + ")");
        }
        if (maxMessageBytes < 65_536) {
            throw new IllegalArgumentException("maxMessageBytes must be at least 65536, got " + maxMessageBytes);
        }
    }

    /** Bybit's recommendations and our production values. */
    public static StreamOptions defaults() {
        return new StreamOptions(Duration.ofSeconds(20), Duration.ofSeconds(30), Duration.ofSeconds(10),
                Duration.ofSeconds(10), Duration.ofMillis(500), Duration.ofSeconds(30), Duration.ofSeconds(60),
                4 * 1024 * 1024, new Random());
    }

    public StreamOptions withPing(Duration pingInterval, Duration stallTimeout) {
        return new StreamOptions(pingInterval, stallTimeout, connectTimeout, ackTimeout, backoffBase, backoffMax,
                stableAfter, maxMessageBytes, random);
    }

    public StreamOptions withConnectTimeout(Duration connectTimeout) {
        return new StreamOptions(pingInterval, stallTimeout, connectTimeout, ackTimeout, backoffBase, backoffMax,
                stableAfter, maxMessageBytes, random);
    }

    public StreamOptions withAckTimeout(Duration ackTimeout) {
        return new StreamOptions(pingInterval, stallTimeout, connectTimeout, ackTimeout, backoffBase, backoffMax,
                stableAfter, maxMessageBytes, random);
    }

    public StreamOptions withBackoff(Duration backoffBase, Duration backoffMax, Duration stableAfter) {
        return new StreamOptions(pingInterval, stallTimeout, connectTimeout, ackTimeout, backoffBase, backoffMax,
                stableAfter, maxMessageBytes, random);
    }

    public StreamOptions withMaxMessageBytes(int maxMessageBytes) {
        return new StreamOptions(pingInterval, stallTimeout, connectTimeout, ackTimeout, backoffBase, backoffMax,
                stableAfter, maxMessageBytes, random);
    }

    public StreamOptions withRandom(RandomGenerator random) {
        return new StreamOptions(pingInterval, stallTimeout, connectTimeout, ackTimeout, backoffBase, backoffMax,
                stableAfter, maxMessageBytes, random);
    }

    private static void positive(String name, Duration d) {
        Objects.requireNonNull(d, name);
        if (d.toMillis() < 1) {
            throw new IllegalArgumentException(name + " must be at least 1 ms, got " + d);
        }
    }
}
