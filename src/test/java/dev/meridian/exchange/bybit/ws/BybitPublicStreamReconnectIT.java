package dev.meridian.exchange.bybit.ws;

import dev.meridian.core.Category;
import dev.meridian.exchange.bybit.fake.FakeBybitPublicServer;
import dev.meridian.exchange.bybit.ws.StreamEvent.Connected;
import dev.meridian.exchange.bybit.ws.StreamEvent.Disconnected;
import dev.meridian.exchange.bybit.ws.StreamState.Status;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetServer;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.meridian.exchange.bybit.ws.Probe.await;
import static dev.meridian.exchange.bybit.ws.Probe.join;
import static dev.meridian.exchange.bybit.ws.Probe.ms;
import static org.assertj.core.api.Assertions.assertThat;

/** Losing the connection in every way we know of, and coming back with every topic. */
@ExtendWith(VertxExtension.class)
class BybitPublicStreamReconnectIT {
    private static final List<String> TOPICS = List.of("tickers.BTCUSDT", "publicTrade.BTCUSDT", "orderbook.50.ETHUSDT");
    private static final String FRAME = "{\"topic\":\"tickers.BTCUSDT\",\"type\":\"snapshot\",\"data\":{}}";

    private final List<BybitPublicStream> streams = new ArrayList<>();
    private final List<FakeBybitPublicServer> servers = new ArrayList<>();

    @AfterEach
    void stopAll() {
        streams.forEach(s -> join(s.stop()));
        servers.forEach(s -> join(s.close()));
    }

    private FakeBybitPublicServer server(Vertx vertx, int port) {
        FakeBybitPublicServer s = join(FakeBybitPublicServer.start(vertx, port));
        servers.add(s);
        return s;
    }

    private BybitPublicStream stream(Vertx vertx, URI base, StreamOptions options, Probe probe) {
        BybitPublicStream s = new BybitPublicStream(vertx, base, Category.LINEAR, options, probe.onFrame, probe.onEvent);
        streams.add(s);
        return s;
    }

    @Test
    void aStalledConnectionIsDroppedAndEveryTopicResubscribed(Vertx vertx) {
        FakeBybitPublicServer server = server(vertx, 0);
        Probe probe = new Probe();
        BybitPublicStream s = stream(vertx, server.baseUri(), BybitPublicStreamIT.FAST.withPing(ms(100), ms(400)), probe);
        s.subscribe(TOPICS);
        join(s.start());
        await("subscribed", () -> s.state().subscribed().size() == 3);
        // Counted from here: on a cold JVM a first answer can itself take longer than this short stall timeout.
        int lostBefore = probe.events(Disconnected.class).size();
        int reconnectsBefore = s.state().reconnects();

        long stalledAt = System.currentTimeMillis();
        server.stall();
        await("stall noticed", () -> probe.events(Disconnected.class).size() > lostBefore);
        Disconnected lost = probe.events(Disconnected.class).get(lostBefore);
        assertThat(lost.reason()).startsWith("stalled: no message for");
        assertThat(lost.atMs() - stalledAt).as("noticed within stall timeout + one watchdog period + a ping")
                .isBetween(300L, 900L);
        assertThat(s.state().lastError()).hasValueSatisfying(e -> assertThat(e).startsWith("stalled"));

        await("reconnected", () -> s.state().reconnects() == reconnectsBefore + 1 && s.state().status() == Status.CONNECTED);
        await("resubscribed", () -> s.state().subscribed().size() == 3);
        int latest = server.acceptedCount(Category.LINEAR);
        assertThat(server.subscribeRequests(Category.LINEAR)).filteredOn(r -> r.connection() == latest)
                .flatExtracting(FakeBybitPublicServer.Request::args).containsExactlyElementsOf(TOPICS);
        assertThat(server.subscribedTopics(Category.LINEAR)).containsExactlyInAnyOrderElementsOf(TOPICS);
    }

    @Test
    void serverDropsAreSurvivedAndTheEventsBracketTheGap(Vertx vertx) {
        FakeBybitPublicServer server = server(vertx, 0);
        Probe probe = new Probe();
        BybitPublicStream s = stream(vertx, server.baseUri(), BybitPublicStreamIT.FAST, probe);
        s.subscribe(TOPICS);
        join(s.start());

        for (int round = 1; round <= 3; round++) {
            int r = round;
            await("subscribed on connection " + r, () -> server.subscribedTopics(Category.LINEAR).size() == 3
                    && s.state().subscribed().size() == 3);
            int framesBefore = probe.frames.size();
            server.push(Category.LINEAR, FRAME);
            await("frame " + r, () -> probe.frames.size() == framesBefore + 1);
            long lastFrameSeen = System.currentTimeMillis();

            server.dropConnections();
            await("reconnect " + r, () -> probe.events(Connected.class).size() == r + 1);

            Disconnected lost = probe.events(Disconnected.class).get(r - 1);
            Connected back = probe.events(Connected.class).get(r);
            assertThat(lost.reason()).contains("1001");
            assertThat(lost.lastMessageMs()).isLessThanOrEqualTo(lastFrameSeen).isLessThanOrEqualTo(lost.atMs());
            assertThat(lost.lastMessageMs()).as("nothing arrived between the frame and the drop but pongs")
                    .isGreaterThan(lastFrameSeen - 500);
            assertThat(back.atMs()).isGreaterThanOrEqualTo(lost.atMs());
            assertThat(back.reconnectCount()).isEqualTo(r);
        }
        await("subscribed on the last connection", () -> server.subscribedTopics(Category.LINEAR).size() == 3);
        assertThat(server.acceptedCount(Category.LINEAR)).isEqualTo(4);
        assertThat(probe.events).extracting(e -> e.getClass().getSimpleName())
                .containsExactly("Connected", "Disconnected", "Connected", "Disconnected", "Connected", "Disconnected", "Connected");
        assertThat(probe.events(StreamEvent.SubscribeFailed.class)).isEmpty();
    }

    @Test
    void anExchangeThatIsDownAtStartIsRetriedWithBackoffUntilItComesUp(Vertx vertx) throws InterruptedException {
        FakeBybitPublicServer probeServer = server(vertx, 0);
        int port = probeServer.port();
        join(probeServer.close());
        servers.remove(probeServer);

        Probe probe = new Probe();
        BybitPublicStream s = stream(vertx, URI.create("ws://127.0.0.1:" + port), BybitPublicStreamIT.FAST, probe);
        s.subscribe(TOPICS);
        var started = s.start();
        await("first attempt failed", () -> s.state().lastError().isPresent());
        assertThat(s.state().status()).isEqualTo(Status.CONNECTING);
        assertThat(s.state().lastError().orElseThrow()).startsWith("connect failed");
        Thread.sleep(400);
        assertThat(started.isComplete()).isFalse();
        assertThat(probe.events).as("failed attempts are not connections").isEmpty();

        FakeBybitPublicServer server = server(vertx, port);
        join(started);
        await("subscribed", () -> s.state().subscribed().size() == 3);
        assertThat(probe.events).singleElement().isInstanceOfSatisfying(Connected.class, c -> assertThat(c.reconnectCount()).isZero());
        assertThat(server.acceptedCount(Category.LINEAR)).isOne();
    }

    @Test
    void aHandshakeThatNeverCompletesTimesOutAndIsRetried(Vertx vertx) {
        AtomicInteger accepted = new AtomicInteger();
        NetServer silent = join(vertx.createNetServer().connectHandler(sock -> accepted.incrementAndGet()).listen(0, "127.0.0.1"));
        try {
            Probe probe = new Probe();
            BybitPublicStream s = stream(vertx, URI.create("ws://127.0.0.1:" + silent.actualPort()),
                    BybitPublicStreamIT.FAST.withConnectTimeout(ms(200)), probe);
            s.start();
            await("several attempts", () -> accepted.get() >= 3);
            assertThat(s.state().status()).isEqualTo(Status.CONNECTING);
            assertThat(s.state().lastError()).hasValueSatisfying(e -> assertThat(e).startsWith("connect failed"));
            assertThat(probe.events).isEmpty();
        } finally {
            join(silent.close());
        }
    }

    /**
     * A peer that completes the WebSocket upgrade and then never sends or answers anything, not even
     * the close handshake: what a vanished host behind a live load balancer looks like. The fake's
     * stall() still answers at the WebSocket level, so this one is hand-made.
     */
    private static NetServer deadPeer(Vertx vertx, AtomicInteger open, List<Long> closedAtMs) {
        Pattern key = Pattern.compile("Sec-WebSocket-Key: *(\\S+)", Pattern.CASE_INSENSITIVE);
        return join(vertx.createNetServer().connectHandler(sock -> {
            open.incrementAndGet();
            sock.closeHandler(v -> {
                open.decrementAndGet();
                closedAtMs.add(System.currentTimeMillis());
            });
            sock.handler(buf -> {
                Matcher m = key.matcher(buf.toString(StandardCharsets.ISO_8859_1));
                if (m.find()) {
                    sock.write("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                            + "Sec-WebSocket-Accept: " + accept(m.group(1)) + "\r\n\r\n");
                }
            });
        }).listen(0, "127.0.0.1"));
    }

    private static String accept(String key) {
        try {
            byte[] sha1 = MessageDigest.getInstance("SHA-1")
                    .digest((key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11").getBytes(StandardCharsets.ISO_8859_1));
            return Base64.getEncoder().encodeToString(sha1);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aDeadPeersSocketIsCutLooseAfterTheStallAndStopStaysBounded(Vertx vertx) {
        AtomicInteger open = new AtomicInteger();
        List<Long> closedAtMs = new java.util.concurrent.CopyOnWriteArrayList<>();
        NetServer dead = deadPeer(vertx, open, closedAtMs);
        try {
            Probe probe = new Probe();
            BybitPublicStream s = stream(vertx, URI.create("ws://127.0.0.1:" + dead.actualPort()),
                    BybitPublicStreamIT.FAST.withPing(ms(100), ms(300)), probe);
            join(s.start());
            await("stall noticed", () -> !probe.events(Disconnected.class).isEmpty());
            long lostAt = probe.events(Disconnected.class).get(0).atMs();
            // The stalled socket gets no answer to its close frame; Vert.x's closing timeout (2 s) cuts its TCP.
            await("first stalled socket closed", ms(4_000), () -> !closedAtMs.isEmpty());
            assertThat(closedAtMs.get(0) - lostAt).isBetween(1_500L, 3_000L);
            assertThat(probe.events(Connected.class).size()).as("kept reconnecting meanwhile").isGreaterThan(1);

            long t0 = System.nanoTime();
            join(s.stop());
            assertThat((System.nanoTime() - t0) / 1_000_000).as("stop() against a dead peer").isLessThan(3_000);
            await("every socket closed", () -> open.get() == 0);
        } finally {
            join(dead.close());
        }
    }

    @Test
    void theHandshakeTimeoutDoesNotLimitAnEstablishedConnection(Vertx vertx) throws InterruptedException {
        FakeBybitPublicServer server = server(vertx, 0);
        Probe probe = new Probe();
        BybitPublicStream s = stream(vertx, server.baseUri(),
                BybitPublicStreamIT.FAST.withConnectTimeout(ms(100)).withPing(ms(400), ms(1_500)), probe);
        join(s.start());
        Thread.sleep(1_000);
        assertThat(probe.events(Disconnected.class)).isEmpty();
        assertThat(server.acceptedCount(Category.LINEAR)).isOne();
    }

    @Test
    void stopDuringTheBackoffCancelsTheReconnect(Vertx vertx) throws InterruptedException {
        FakeBybitPublicServer server = server(vertx, 0);
        Probe probe = new Probe();
        BybitPublicStream[] self = new BybitPublicStream[1];
        // The owner stops the stream from its own Disconnected handler, i.e. while the reconnect timer is armed.
        self[0] = new BybitPublicStream(vertx, server.baseUri(), Category.LINEAR, BybitPublicStreamIT.FAST, probe.onFrame, e -> {
            probe.onEvent.accept(e);
            if (e instanceof Disconnected) {
                self[0].stop();
            }
        });
        streams.add(self[0]);
        join(self[0].start());
        server.dropConnections();
        await("stopped", () -> self[0].state().status() == Status.STOPPED);
        Thread.sleep(600); // > backoff ceiling
        assertThat(server.acceptedCount(Category.LINEAR)).isOne();
        assertThat(probe.events).extracting(e -> e.getClass().getSimpleName()).containsExactly("Connected", "Disconnected");
    }
}
