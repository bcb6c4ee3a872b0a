package dev.meridian.exchange.bybit.ws;

import dev.meridian.config.BybitConfig;
import dev.meridian.config.Secret;
import dev.meridian.exchange.OrderStatus;
import dev.meridian.exchange.bybit.fake.FakeBybitPrivateServer;
import dev.meridian.exchange.bybit.fake.FakeBybitPrivateServer.Request;
import dev.meridian.exchange.bybit.parse.BybitNonTradeExecution;
import dev.meridian.exchange.bybit.parse.BybitOrderUpdate;
import dev.meridian.exchange.bybit.parse.BybitTradeExecution;
import dev.meridian.exchange.bybit.parse.BybitWalletUpdate;
import dev.meridian.exchange.bybit.parse.PrivateFixtures;
import dev.meridian.exchange.bybit.ws.PrivateStreamEvent.AuthFailed;
import dev.meridian.exchange.bybit.ws.PrivateStreamEvent.Connected;
import dev.meridian.exchange.bybit.ws.PrivateStreamEvent.Disconnected;
import dev.meridian.exchange.bybit.ws.PrivateStreamState.Status;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static dev.meridian.exchange.bybit.ws.Probe.await;
import static dev.meridian.exchange.bybit.ws.Probe.join;
import static dev.meridian.exchange.bybit.ws.Probe.ms;
import static org.assertj.core.api.Assertions.assertThat;

/** The private stream against {@link FakeBybitPrivateServer}: auth, subscribe, liveness, reconnects, typed events. */
@ExtendWith(VertxExtension.class)
class BybitPrivateStreamIT {
    private static final StreamOptions FAST = BybitPublicStreamIT.FAST;
    private static final BybitConfig.Credentials GOOD = credentials(FakeBybitPrivateServer.TEST_SECRET);

    private final List<BybitPrivateStream> streams = new ArrayList<>();
    private final List<String> logLines = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final Logger jul = Logger.getLogger(BybitPrivateStream.class.getName());
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord r) {
            logLines.add(r.getMessage() + " " + java.util.Arrays.toString(r.getParameters()) + " " + r.getThrown());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private FakeBybitPrivateServer server;
    private Level previousLevel;

    @BeforeEach
    void setUp(Vertx vertx) {
        server = join(FakeBybitPrivateServer.start(vertx));
        previousLevel = jul.getLevel();
        jul.setLevel(Level.ALL);
        jul.addHandler(capture);
    }

    @AfterEach
    void tearDown() {
        streams.forEach(s -> join(s.stop()));
        join(server.close());
        jul.removeHandler(capture);
        jul.setLevel(previousLevel);
    }

    private static BybitConfig.Credentials credentials(String secret) {
        return new BybitConfig.Credentials(Secret.of(FakeBybitPrivateServer.TEST_KEY), Secret.of(secret));
    }

    private BybitPrivateStream stream(Vertx vertx, BybitConfig.Credentials creds, StreamOptions options, Clock clock,
                                      PrivateProbe probe) {
        BybitPrivateStream s = new BybitPrivateStream(vertx, server.url(), creds, options, clock, probe.onData, probe.onEvent);
        streams.add(s);
        return s;
    }

    @Test
    void authenticatesThenSubscribesAndNeverLogsTheSecretOrSignature(Vertx vertx) {
        // A clock an hour ahead proves expires comes from the injected clock, and still lies in the fake's future.
        Instant now = Instant.now().plus(Duration.ofHours(1));
        PrivateProbe probe = new PrivateProbe();
        BybitPrivateStream s = stream(vertx, GOOD, FAST, Clock.fixed(now, ZoneOffset.UTC), probe);

        join(s.start());

        assertThat(s.state().status()).isEqualTo(Status.LIVE);
        assertThat(probe.events(Connected.class)).extracting(Connected::reconnectCount).containsExactly(0);
        List<Request> requests = server.requests().stream().filter(r -> !r.op().equals("ping")).toList();
        assertThat(requests).extracting(Request::op).containsExactly("auth", "subscribe");
        Request auth = requests.get(0);
        long expires = now.toEpochMilli() + 10_000;
        assertThat(auth.args()).containsExactly(FakeBybitPrivateServer.TEST_KEY, Long.toString(expires),
                FakeBybitPrivateServer.sign(FakeBybitPrivateServer.TEST_SECRET, expires));
        assertThat(auth.raw()).contains("\"args\":[\"test-key\"," + expires + ",");
        assertThat(requests.get(1).args()).containsExactly("order", "execution", "wallet");
        assertThat(server.subscribedTopics()).containsExactlyInAnyOrder("order", "execution", "wallet");

        String signature = auth.args().get(2);
        assertThat(logLines).isNotEmpty().noneMatch(l -> l.contains(FakeBybitPrivateServer.TEST_SECRET) || l.contains(signature));
    }

    @Test
    void aWrongSecretIsTerminalAndNeverRetried(Vertx vertx) throws Exception {
        PrivateProbe probe = new PrivateProbe();
        BybitPrivateStream s = stream(vertx, credentials("wrong-secret"), FAST, Clock.systemUTC(), probe);

        Throwable failure = s.start().toCompletionStage().toCompletableFuture()
                .handle((v, e) -> e).get(5, TimeUnit.SECONDS);

        assertThat(failure).hasMessageContaining("Params Error");
        assertThat(s.state().status()).isEqualTo(Status.AUTH_FAILED);
        assertThat(s.state().authFailure()).hasValue("Params Error");
        assertThat(probe.events).containsExactly(probe.events(AuthFailed.class).get(0));
        assertThat(probe.events(AuthFailed.class).get(0).reason()).isEqualTo("Params Error");
        // With a 20 ms backoff base, a retry loop would have made dozens of attempts in this time.
        Thread.sleep(2_000);
        assertThat(server.acceptedCount()).as("connections").isEqualTo(1);
        assertThat(server.requests("auth")).hasSize(1);
        assertThat(server.requests("subscribe")).isEmpty();
        assertThat(s.state().connectAttempts()).isEqualTo(1);
        assertThat(s.state().status()).isEqualTo(Status.AUTH_FAILED);
        await("the refused socket closed", () -> server.connectionCount() == 0);
    }

    @Test
    void aClockBehindTheServerSendsAnExpiredExpiresAndIsRefused(Vertx vertx) {
        PrivateProbe probe = new PrivateProbe();
        Clock behind = Clock.offset(Clock.systemUTC(), Duration.ofMinutes(-1));
        BybitPrivateStream s = stream(vertx, GOOD, FAST, behind, probe);
        s.start();
        await("auth refused", () -> s.state().status() == Status.AUTH_FAILED);
        assertThat(server.authFailures()).isEqualTo(1);
    }

    @Test
    void aDroppedConnectionIsReopenedReauthenticatedAndResubscribed(Vertx vertx) {
        PrivateProbe probe = new PrivateProbe();
        BybitPrivateStream s = stream(vertx, GOOD, FAST, Clock.systemUTC(), probe);
        join(s.start());

        server.dropConnections();

        await("live again", () -> probe.events(Connected.class).size() == 2);
        assertThat(probe.events(Connected.class)).extracting(Connected::reconnectCount).containsExactly(0, 1);
        assertThat(probe.events(Disconnected.class)).hasSize(1);
        assertThat(server.requests("auth")).extracting(Request::connection).containsExactly(1, 2);
        assertThat(server.requests("subscribe")).extracting(Request::connection).containsExactly(1, 2);
        assertThat(server.requests("subscribe").get(1).args()).containsExactly("order", "execution", "wallet");
        assertThat(server.authSuccesses()).isEqualTo(2);
        assertThat(s.state().status()).isEqualTo(Status.LIVE);
        assertThat(s.state().reconnects()).isEqualTo(1);
        // The auth of the new connection is signed afresh, not replayed.
        assertThat(server.requests("auth").get(1).args().get(2)).isNotNull();
    }

    @Test
    void silenceAfterPingsDropsTheConnectionAndReconnects(Vertx vertx) {
        PrivateProbe probe = new PrivateProbe();
        BybitPrivateStream s = stream(vertx, GOOD, FAST.withPing(ms(100), ms(400)), Clock.systemUTC(), probe);
        join(s.start());
        await("a pong answered", () -> s.state().lastMessageMs() > 0 && server.requests("ping").size() >= 2);
        int lostBefore = probe.events(Disconnected.class).size();

        server.stopPongs();

        await("silence noticed", () -> probe.events(Disconnected.class).size() > lostBefore);
        assertThat(probe.events(Disconnected.class).get(lostBefore).reason()).startsWith("stalled: no message for");
        await("live again", () -> probe.events(Connected.class).size() >= 2 && s.state().status() == Status.LIVE);
        assertThat(server.authSuccesses()).isGreaterThanOrEqualTo(2);
        assertThat(server.requests("subscribe").size()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void framesBecomeTypedEventsInArrivalOrder(Vertx vertx) {
        PrivateProbe probe = new PrivateProbe();
        BybitPrivateStream s = stream(vertx, GOOD, FAST, Clock.systemUTC(), probe);
        join(s.start());

        server.push(PrivateFixtures.RACE_FILLED_FIRST);
        server.push(PrivateFixtures.LINEAR_TRADE_EXECUTION);
        server.push("{\"topic\":\"order\",\"data\":[{\"not\":\"an order\"}]}");
        server.push(PrivateFixtures.FUNDING_EXECUTION);
        server.push(PrivateFixtures.RACE_FILLED_SECOND);
        server.push(PrivateFixtures.WALLET);

        await("five events", () -> probe.data.size() == 5);
        assertThat(probe.data).extracting(e -> e.getClass().getSimpleName()).containsExactly(
                "BybitOrderUpdate", "BybitTradeExecution", "BybitNonTradeExecution", "BybitOrderUpdate", "BybitWalletUpdate");
        assertThat(((BybitOrderUpdate) probe.data.get(0)).status()).isEqualTo(OrderStatus.FILLED);
        assertThat(((BybitOrderUpdate) probe.data.get(3)).cancelType()).isEqualTo("CancelByUser");
        assertThat(((BybitTradeExecution) probe.data.get(1)).execution().execId()).isEqualTo("ex-9001");
        assertThat(((BybitNonTradeExecution) probe.data.get(2)).execType()).isEqualTo("Funding");
        assertThat(((BybitWalletUpdate) probe.data.get(4)).coins()).hasSize(2);
        assertThat(s.malformedFrames()).isEqualTo(1);
        assertThat(s.state().malformedFrames()).isEqualTo(1);
        assertThat(s.state().status()).isEqualTo(Status.LIVE);
    }
    @Test
    void anUnansweredAuthIsADeadConnectionNotABadKey(Vertx vertx) {
        server.ignoreAuth();
        PrivateProbe probe = new PrivateProbe();
        BybitPrivateStream s = stream(vertx, GOOD, FAST.withAckTimeout(ms(300)), Clock.systemUTC(), probe);
        s.start();

        await("auth timeout noticed", () -> !probe.events(Disconnected.class).isEmpty());
        assertThat(probe.events(Disconnected.class).get(0).reason()).startsWith("no auth answer within");
        assertThat(s.state().authFailure()).isEmpty();

        server.answerAuth();
        await("live after a retry", () -> s.state().status() == Status.LIVE);
        assertThat(server.acceptedCount()).isGreaterThanOrEqualTo(2);
        assertThat(probe.events(AuthFailed.class)).isEmpty();
    }

    @Test
    void aRefusedSubscribeIsReportedAndRetriedOnAFreshConnection(Vertx vertx) {
        server.refuseSubscribe("error:topic unavailable");
        PrivateProbe probe = new PrivateProbe();
        BybitPrivateStream s = stream(vertx, GOOD, FAST, Clock.systemUTC(), probe);
        s.start();

        await("refusal reported", () -> !probe.events(PrivateStreamEvent.SubscribeFailed.class).isEmpty());
        PrivateStreamEvent.SubscribeFailed refused = probe.events(PrivateStreamEvent.SubscribeFailed.class).get(0);
        assertThat(refused.topics()).containsExactly("order", "execution", "wallet");
        assertThat(refused.reason()).isEqualTo("error:topic unavailable");

        server.refuseSubscribe(null);
        await("live after a reconnect", () -> probe.events(Connected.class).size() == 1);
        assertThat(s.state().status()).isEqualTo(Status.LIVE);
        assertThat(server.authSuccesses()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void stopEndsEverythingAndKeepsTheStreamQuiet(Vertx vertx) throws Exception {
        PrivateProbe probe = new PrivateProbe();
        BybitPrivateStream s = stream(vertx, GOOD, FAST, Clock.systemUTC(), probe);
        join(s.start());
        join(s.stop());
        int accepted = server.acceptedCount();
        int events = probe.events.size();

        server.push(PrivateFixtures.WALLET);
        Thread.sleep(300);

        assertThat(s.state().status()).isEqualTo(Status.STOPPED);
        assertThat(server.acceptedCount()).isEqualTo(accepted);
        assertThat(probe.events).hasSize(events);
        assertThat(probe.data).isEmpty();
        Throwable restart = s.start().toCompletionStage().toCompletableFuture().handle((v, e) -> e).get(5, TimeUnit.SECONDS);
        assertThat(restart).hasMessageContaining("cannot be restarted");
    }
}
