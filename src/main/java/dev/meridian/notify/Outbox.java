package dev.meridian.notify;

import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.logging.Logger;

/**
 * The queue between the bot's events and Telegram, so that a slow or failing Telegram never
 * delays trading: {@link #offer} only appends to memory and returns.
 *
 * <p><b>Contract.</b> A message is split at {@link TelegramText#MAX_CHARS} ({@link TelegramText#split})
 * and each piece queued. At most {@code capacity} pieces wait; when full, the oldest waiting piece
 * is dropped and counted ({@link #dropped()}): the newest news is worth more. Pieces are sent one
 * at a time in order. Flood control (429) holds the whole queue for Telegram's
 * {@code retry_after} seconds and then sends the same piece again, without spending its attempts
 * (Telegram asks for exactly that). Other retriable failures (5xx, no answer) are retried after a
 * doubling backoff up to {@code maxAttempts} sends; a piece that runs out of attempts, or is
 * refused outright (400, 403), is logged (without the token: {@link BotApiClient} keeps it out of
 * its errors) and counted in {@link #failed()}.
 *
 * <p>Runs on the owning verticle's event loop; not thread-safe.
 */
final class Outbox {
    private static final Logger LOG = Logger.getLogger(Outbox.class.getName());

    /** Sends one piece; fails with {@link BotApiClient.BotApiException} (anything else counts as no answer). */
    interface Sender {
        Future<Void> send(long chatId, String html);
    }

    private record Piece(long chatId, String html) {
    }

    private final Vertx vertx;
    private final Sender sender;
    private final int capacity;
    private final int maxAttempts;
    private final long backoffMs;
    private final Deque<Piece> queue = new ArrayDeque<>();
    private boolean busy;
    private boolean closed;
    // Written only on the event loop, read by metrics scrapes and tests: volatile, single writer.
    private volatile long sent;
    private volatile long dropped;
    private volatile long failed;

    /**
     * @param capacity    pieces that may wait; more drops the oldest (memory bound vs. lost news)
     * @param maxAttempts sends of one piece before it is given up (flood-control retries not counted)
     * @param backoffMs   first wait after a failed send, doubled per attempt
     */
    Outbox(Vertx vertx, Sender sender, int capacity, int maxAttempts, long backoffMs) {
        if (capacity < 1 || maxAttempts < 1 || backoffMs < 1) throw new IllegalArgumentException("capacity, attempts and backoff must be >= 1");
        this.vertx = vertx;
        this.sender = sender;
        this.capacity = capacity;
        this.maxAttempts = maxAttempts;
        this.backoffMs = backoffMs;
    }

    void offer(long chatId, String html) {
        if (closed) return;
        for (String piece : TelegramText.split(html)) {
            if (queue.size() >= capacity) {
                queue.pollFirst();
                dropped++;
            }
            queue.addLast(new Piece(chatId, piece));
        }
        pump();
    }

    long sent() { return sent; }

    long dropped() { return dropped; }

    long failed() { return failed; }

    int waiting() { return queue.size(); }

    /** Stops sending; what still waits is abandoned (the process is stopping). */
    void close() { closed = true; }

    private void pump() {
        if (busy || closed || queue.isEmpty()) return;
        busy = true;
        attempt(queue.pollFirst(), 1);
    }

    private void attempt(Piece p, int attempt) {
        if (closed) return;
        sender.send(p.chatId(), p.html()).onComplete(ar -> {
            if (ar.succeeded()) {
                sent++;
                next();
                return;
            }
            BotApiClient.BotApiException e = ar.cause() instanceof BotApiClient.BotApiException b ? b
                    : new BotApiClient.BotApiException(0, String.valueOf(ar.cause().getClass().getSimpleName()), 0);
            if (e.httpStatus() == 429) {
                long waitMs = Math.max(1, e.retryAfterSec()) * 1000L;
                LOG.info("telegram flood control: waiting " + waitMs + " ms before the next message");
                vertx.setTimer(waitMs, t -> attempt(p, attempt));
            } else if (e.retriable() && attempt < maxAttempts) {
                long waitMs = backoffMs << Math.min(attempt - 1, 16);
                vertx.setTimer(waitMs, t -> attempt(p, attempt + 1));
            } else {
                failed++;
                LOG.warning("telegram message to chat " + p.chatId() + " given up after " + attempt + " attempt(s): " + e.getMessage());
                next();
            }
        });
    }

    private void next() {
        busy = false;
        pump();
    }
}
