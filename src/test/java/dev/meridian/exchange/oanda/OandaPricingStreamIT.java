package dev.meridian.exchange.oanda;

import dev.meridian.config.OandaConfig;
import dev.meridian.config.Secret;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static dev.meridian.exchange.oanda.OandaFixtures.ACCOUNT;
import static dev.meridian.exchange.oanda.OandaFixtures.TOKEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The pricing stream against a local HTTP server on a random port that answers as OANDA's stream
 * does (reference §8): a 200 with a chunked body of one JSON object per line, written by the test
 * chunk by chunk, or a refusal. No network.
 */
class OandaPricingStreamIT {
    private static final String T1 = "2024-05-14T09:30:01.123456789Z";
    private static final String T2 = "2024-05-14T09:30:02.500000000Z";

    private Vertx vertx;
    private FakeStreamServer server;
    private OandaPricingStream stream;
    private final List<OandaPrice> prices = new CopyOnWriteArrayList<>();
    private final List<OandaStreamEvent> events = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        vertx = Vertx.vertx();
        server = new FakeStreamServer(vertx);
    }

    @AfterEach
    void stop() throws Exception {
        if (stream != null) stream.stop().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static OandaStreamOptions options(Duration heartbeatTimeout) {
        return new OandaStreamOptions(heartbeatTimeout, Duration.ofSeconds(2), Duration.ofMillis(20), Duration.ofMillis(100),
                Duration.ofMillis(600), Duration.ofSeconds(60), 64 * 1024, new Random(7));
    }

    private OandaPricingStream stream(OandaStreamOptions options) throws Exception {
        stream = new OandaPricingStream(vertx, URI.create("http://127.0.0.1:" + server.port()),
                new OandaConfig.Account(Secret.of(TOKEN), ACCOUNT), List.of("EUR_USD", "USD_JPY"), options, prices::add, events::add);
        stream.start().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        return stream;
    }

    @Test
    void pricesAndHeartbeatsAreReadAndALineSplitAcrossChunksIsJoined() throws Exception {
        OandaPricingStream s = stream(options(Duration.ofSeconds(5)));
        FakeStreamServer.Conn c = server.awaitConnection(0);
        assertThat(c.uri()).isEqualTo("/v3/accounts/" + ACCOUNT + "/pricing/stream?instruments=EUR_USD,USD_JPY");
        assertThat(c.authorization()).isEqualTo("Bearer " + TOKEN);
        awaitTrue(() -> events.size() == 1, "CONNECTED");
        assertThat(events.get(0).status()).isEqualTo(OandaStreamEvent.Status.CONNECTED);

        // Two lines in one chunk.
        c.write(OandaFixtures.priceLine("EUR_USD", T1, "1.08712", "1.08727", true) + "\n" + OandaFixtures.heartbeatLine(T1) + "\n");
        awaitTrue(() -> prices.size() == 1 && s.heartbeats() == 1, "the first price and a heartbeat");
        assertThat(prices.get(0)).isEqualTo(new OandaPrice("EUR_USD", OandaFixtures.TIME_MS, new BigDecimal("1.08712"),
                new BigDecimal("1.08727"), new BigDecimal("1.087195"), true));

        // One line in two chunks: nothing comes of the first half alone.
        String line = OandaFixtures.priceLine("USD_JPY", T2, "155.101", "155.114", false) + "\n";
        int cut = line.indexOf("\"asks\"");
        c.write(line.substring(0, cut));
        Thread.sleep(150);
        assertThat(prices).hasSize(1);
        assertThat(s.malformedLines()).isZero();
        c.write(line.substring(cut));
        awaitTrue(() -> prices.size() == 2, "the split price");
        assertThat(prices.get(1)).isEqualTo(new OandaPrice("USD_JPY", 1_715_679_002_500L, new BigDecimal("155.101"),
                new BigDecimal("155.114"), new BigDecimal("155.1075"), false));
        assertThat(s.prices()).isEqualTo(2);
        assertThat(s.reconnects()).isZero();
    }

    @Test
    void malformedLinesAreCountedAndDroppedAndTheStreamGoesOn() throws Exception {
        OandaPricingStream s = stream(options(Duration.ofSeconds(5)));
        FakeStreamServer.Conn c = server.awaitConnection(0);
        c.write("this is not json\n");
        c.write("{\"type\":\"PRICE\",\"instrument\":\"EUR_USD\",\"time\":\"" + T1 + "\"}\n");
        c.write("\n");
        c.write(OandaFixtures.priceLine("EUR_USD", T1, "1.08712", "1.08727", true) + "\n");
        awaitTrue(() -> prices.size() == 1, "the good price after the bad lines");
        assertThat(s.malformedLines()).isEqualTo(2);
        assertThat(events).extracting(OandaStreamEvent::status).containsExactly(OandaStreamEvent.Status.CONNECTED);
        assertThat(server.requests()).isEqualTo(1);
    }

    @Test
    void heartbeatsKeepAQuietStreamAlive() throws Exception {
        // Written by the server's own event loop, every 50 ms: a busy test thread cannot starve the stream of them.
        server.heartbeatEvery(50);
        OandaPricingStream s = stream(options(Duration.ofMillis(300)));
        connected();
        int requests = server.requests();
        int seen = events.size();
        long heartbeats = s.heartbeats();
        Thread.sleep(1_200);
        assertThat(s.heartbeats() - heartbeats).isGreaterThanOrEqualTo(10);
        assertThat(server.requests()).isEqualTo(requests);
        assertThat(events).hasSize(seen);
    }

    @Test
    void aStreamThatStallsIsDroppedAfterTheHeartbeatTimeoutAndReopened() throws Exception {
        // Each connection gets one heartbeat at once, then nothing, though the server keeps it open.
        server.greetWith(OandaFixtures.heartbeatLine(T1) + "\n");
        OandaPricingStream s = stream(options(Duration.ofMillis(300)));
        awaitTrue(() -> events.stream().anyMatch(e -> e.reason().startsWith("no price or heartbeat for ")), "a stall; events " + events);
        assertThat(s.heartbeats()).isPositive();

        // From then on each connection also carries a price: one arrives once the stream is back.
        server.greetWith(OandaFixtures.heartbeatLine(T1) + "\n" + OandaFixtures.priceLine("EUR_USD", T1, "1.08712", "1.08727", true) + "\n");
        awaitTrue(() -> !prices.isEmpty(), "a price on a new connection; events " + events);
        assertThat(s.reconnects()).isPositive();
        assertThat(events).extracting(OandaStreamEvent::status).containsSubsequence(OandaStreamEvent.Status.CONNECTED,
                OandaStreamEvent.Status.RECONNECTING, OandaStreamEvent.Status.CONNECTED);
        // Measured on the server: no connection was dropped sooner than the timeout after the last line it carried.
        List<FakeStreamServer.Conn> dropped = server.connections().stream().filter(c -> c.closedAtNanos() > 0).toList();
        assertThat(dropped).isNotEmpty();
        for (FakeStreamServer.Conn c : dropped) {
            assertThat((c.closedAtNanos() - c.lastWriteNanos()) / 1_000_000).as("ms from the last line to the drop")
                    .isGreaterThanOrEqualTo(300);
        }
    }

    @Test
    void aStreamTheServerEndsIsReopenedAndPricesFlowAgain() throws Exception {
        OandaPricingStream s = stream(options(Duration.ofSeconds(5)));
        FakeStreamServer.Conn first = server.awaitConnection(0);
        first.write(OandaFixtures.priceLine("EUR_USD", T1, "1.08712", "1.08727", true) + "\n");
        awaitTrue(() -> prices.size() == 1, "a price");
        first.end();

        FakeStreamServer.Conn second = server.awaitConnection(1);
        second.write(OandaFixtures.priceLine("EUR_USD", T2, "1.08713", "1.08728", true) + "\n");
        awaitTrue(() -> prices.size() == 2, "a price on the new connection");
        assertThat(events).extracting(OandaStreamEvent::status).containsExactly(OandaStreamEvent.Status.CONNECTED,
                OandaStreamEvent.Status.RECONNECTING, OandaStreamEvent.Status.CONNECTED);
        assertThat(events.get(1).reason()).isEqualTo("OANDA ended the stream");
        assertThat(s.reconnects()).isEqualTo(1);
    }

    @Test
    void aRejectedTokenIsReportedWithItsStatusAndRetriedNoSoonerThanTheSlowDelay() throws Exception {
        server.refuse(401, "{\"errorMessage\":\"Insufficient authorization to perform request.\"}");
        stream(options(Duration.ofSeconds(5)));
        awaitTrue(() -> events.size() == 1, "the refusal");
        OandaStreamEvent e = events.get(0);
        assertThat(e.status()).isEqualTo(OandaStreamEvent.Status.RECONNECTING);
        assertThat(e.httpStatus()).hasValue(401);
        assertThat(e.reason()).isEqualTo("OANDA rejected the token (401): Insufficient authorization to perform request.;"
                + " retrying every 600 ms at the least");
        server.accept();

        server.awaitConnection(0);
        assertThat(server.requests()).isEqualTo(2);
        // From the refusal's report to the retry's arrival, both on the wall clock (ms).
        assertThat(server.requestTimesMs().get(1) - e.timeMs()).as("the slow retry after a 401, not the 20-100 ms backoff")
                .isGreaterThanOrEqualTo(599);
        awaitTrue(() -> events.size() == 2, "CONNECTED");
        assertThat(events.get(1).status()).isEqualTo(OandaStreamEvent.Status.CONNECTED);
    }

    @Test
    void otherRefusalsAreReportedWithTheStatusAndRetriedWithBackoff() throws Exception {
        server.refuse(503, "{\"errorMessage\":\"Service unavailable\"}");
        stream(options(Duration.ofSeconds(5)));
        awaitTrue(() -> server.requests() >= 3, "retries");
        assertThat(events.get(0).httpStatus()).hasValue(503);
        assertThat(events.get(0).reason()).isEqualTo("HTTP 503: Service unavailable");
        server.accept();
        awaitTrue(() -> events.stream().anyMatch(x -> x.status() == OandaStreamEvent.Status.CONNECTED), "CONNECTED");
    }

    @Test
    void stopEndsTheStreamForGood() throws Exception {
        OandaPricingStream s = stream(options(Duration.ofSeconds(5)));
        FakeStreamServer.Conn c = server.awaitConnection(0);
        c.write(OandaFixtures.heartbeatLine(T1) + "\n");
        awaitTrue(() -> s.heartbeats() == 1, "a heartbeat");

        s.stop().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        awaitTrue(c::closed, "the connection closed by stop()");
        c.write(OandaFixtures.priceLine("EUR_USD", T1, "1.08712", "1.08727", true) + "\n");
        Thread.sleep(400);
        assertThat(server.requests()).isEqualTo(1);
        assertThat(prices).isEmpty();
        assertThat(events).extracting(OandaStreamEvent::status).containsExactly(OandaStreamEvent.Status.CONNECTED,
                OandaStreamEvent.Status.STOPPED);
        assertThatThrownBy(() -> s.start().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS))
                .hasMessageContaining("it cannot be restarted");
    }

    @Test
    void stopDuringTheBackoffCancelsTheReconnect() throws Exception {
        server.refuse(503, "{}");
        OandaPricingStream s = stream(options(Duration.ofSeconds(5)).withBackoff(Duration.ofMillis(300), Duration.ofMillis(300),
                Duration.ofMillis(600), Duration.ofSeconds(60)));
        awaitTrue(() -> events.size() == 1, "the refusal");
        int sent = server.requests();
        s.stop().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        server.accept();
        Thread.sleep(600);
        assertThat(server.requests()).isEqualTo(sent);
        assertThat(events.get(events.size() - 1).status()).isEqualTo(OandaStreamEvent.Status.STOPPED);
    }

    /**
     * The connection the stream holds once it reports CONNECTED (one more time than before): the
     * server's newest, since nothing new is attempted while connected. Waiting for the event, not the
     * server's side, matters with short heartbeat timeouts: a cold JVM may take longer than that to
     * read its first answer, and the stream then drops that attempt and tries again.
     */
    private FakeStreamServer.Conn connected() {
        long before = connectedEvents;
        awaitTrue(() -> events.stream().filter(e -> e.status() == OandaStreamEvent.Status.CONNECTED).count() > before,
                "CONNECTED; events " + events);
        connectedEvents = events.stream().filter(e -> e.status() == OandaStreamEvent.Status.CONNECTED).count();
        return server.latest();
    }

    private long connectedEvents;

    private static void awaitTrue(BooleanSupplier c, String what) {
        long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!c.getAsBoolean()) {
            if (System.nanoTime() > until) throw new AssertionError("timed out waiting for " + what);
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
    }

    /**
     * A local stand-in for OANDA's stream host: records each request and hands the test its chunked
     * response. It can greet each connection with some lines and write heartbeats on its own event
     * loop; it records when it last wrote to a connection and when that connection closed.
     */
    static final class FakeStreamServer {
        static final class Conn {
            private final String uri;
            private final String authorization;
            private final HttpServerResponse response;
            private final Context context;
            private volatile long lastWriteNanos = System.nanoTime();
            private volatile long closedAtNanos;

            Conn(String uri, String authorization, HttpServerResponse response, Context context) {
                this.uri = uri;
                this.authorization = authorization;
                this.response = response;
                this.context = context;
            }

            String uri() { return uri; }

            String authorization() { return authorization; }

            long lastWriteNanos() { return lastWriteNanos; }

            /** When the server saw the connection close; 0 while open. */
            long closedAtNanos() { return closedAtNanos; }

            boolean closed() { return closedAtNanos > 0; }

            void write(String chunk) {
                context.runOnContext(v -> writeHere(chunk));
            }

            /** On the server's event loop. */
            void writeHere(String chunk) {
                if (closedAtNanos == 0 && !response.ended()) {
                    response.write(chunk);
                    lastWriteNanos = System.nanoTime();
                }
            }

            void end() {
                context.runOnContext(v -> response.end());
            }
        }

        private final Vertx vertx;
        private final HttpServer server;
        private final List<Conn> connections = new CopyOnWriteArrayList<>();
        private final List<Long> requestTimesMs = new CopyOnWriteArrayList<>();
        private final java.util.concurrent.atomic.AtomicInteger requests = new java.util.concurrent.atomic.AtomicInteger();
        private volatile int refuseWith;
        private volatile String refusalBody = "";
        private volatile String greeting = "";
        private volatile long heartbeatEveryMs;

        FakeStreamServer(Vertx vertx) throws Exception {
            this.vertx = vertx;
            server = vertx.createHttpServer().requestHandler(req -> {
                requestTimesMs.add(System.currentTimeMillis());
                requests.incrementAndGet();
                if (refuseWith != 0) {
                    req.response().setStatusCode(refuseWith).putHeader("Content-Type", "application/json").end(refusalBody);
                    return;
                }
                HttpServerResponse resp = req.response().setChunked(true).putHeader("Content-Type", "application/octet-stream");
                resp.writeHead();
                Conn c = new Conn(req.uri(), req.getHeader("Authorization"), resp, Vertx.currentContext());
                resp.closeHandler(v -> c.closedAtNanos = System.nanoTime());
                connections.add(c);
                if (!greeting.isEmpty()) c.writeHere(greeting);
                long every = heartbeatEveryMs;
                if (every > 0) {
                    vertx.setPeriodic(every, id -> {
                        if (c.closed()) vertx.cancelTimer(id);
                        else c.writeHere(OandaFixtures.heartbeatLine(T1) + "\n");
                    });
                }
            });
            server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }

        int port() { return server.actualPort(); }

        int requests() { return requests.get(); }

        List<Conn> connections() { return List.copyOf(connections); }

        /** When each request arrived, wall clock ms. */
        List<Long> requestTimesMs() { return List.copyOf(requestTimesMs); }

        void refuse(int status, String body) {
            refusalBody = body;
            refuseWith = status;
        }

        void accept() { refuseWith = 0; }

        /** Lines written to every new connection as soon as it is answered. */
        void greetWith(String lines) { greeting = lines; }

        /** A heartbeat written to every new connection every {@code ms}, on the server's event loop. */
        void heartbeatEvery(long ms) { heartbeatEveryMs = ms; }

        Conn latest() {
            return connections.get(connections.size() - 1);
        }

        Conn awaitConnection(int index) {
            awaitTrue(() -> connections.size() > index, "streaming connection #" + (index + 1));
            return connections.get(index);
        }
    }
}
