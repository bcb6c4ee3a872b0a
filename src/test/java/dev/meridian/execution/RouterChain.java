package dev.meridian.execution;

import dev.meridian.bus.Addresses;
import dev.meridian.bus.Watermark;
import dev.meridian.testing.Poll;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The router's order chain as the router ITs drive it: orders and watermarks go in on
 * {@code cmd.exec.order}, and a watermark returns once the portfolio has acknowledged it (its
 * bookings are then committed); plus reads of what the books hold. Create it before the first
 * watermark is sent: it listens for the acknowledgements from then on.
 */
final class RouterChain {
    private final Vertx vertx;
    private final Pool pool;
    private final List<Long> acks = new CopyOnWriteArrayList<>();

    RouterChain(Vertx vertx, Pool pool) {
        this.vertx = vertx;
        this.pool = pool;
        vertx.eventBus().<Watermark>consumer(Addresses.MD_ACK, m -> acks.add(m.body().seq()));
    }

    void send(Object orderOrWatermark) { vertx.eventBus().send(Addresses.CMD_EXEC_ORDER, orderOrWatermark); }

    /** Sends watermark {@code seq} (event time 1,000 + seq) and waits for the portfolio's acknowledgement. */
    void watermark(long seq) {
        send(new Watermark("live", seq, 1_000 + seq, false, false));
        Poll.until(() -> acks.contains(seq), "ack of watermark " + seq);
    }

    /**
     * Sends watermarks from {@code firstSeq} on until {@code committed} holds, and returns the next
     * unused seq. For bookings the portfolio makes after an asynchronous check (a live funding is
     * first looked up by its execId in the store): they join whichever watermark follows the check,
     * not necessarily the next one sent.
     */
    long watermarksUntil(long firstSeq, java.util.function.BooleanSupplier committed, String what) {
        long seq = firstSeq;
        long end = System.nanoTime() + java.time.Duration.ofSeconds(30).toNanos();
        do {
            watermark(seq++);
            // Each round waits for the portfolio's acknowledgement, which paces the loop.
            if (committed.getAsBoolean()) return seq;
        } while (System.nanoTime() < end);
        throw new AssertionError("timed out waiting for " + what);
    }

    long count(String sql) { return pool.query(sql).execute().await().iterator().next().getLong(0); }

    /** The one row {@code sql} answers (fails when it answers none or several). */
    Row one(String sql) {
        var rows = pool.query(sql).execute().await();
        assertThat(rows.size()).as(sql).isEqualTo(1);
        return rows.iterator().next();
    }
}
