package dev.meridian.exchange.bybit.ws;

import dev.meridian.core.Category;
import dev.meridian.exchange.bybit.fake.FakeBybitPublicServer;
import dev.meridian.exchange.bybit.fake.FakeBybitPublicServer.Request;
import dev.meridian.exchange.bybit.ws.StreamState.Status;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

import static dev.meridian.exchange.bybit.ws.Probe.await;
import static dev.meridian.exchange.bybit.ws.Probe.join;
import static dev.meridian.exchange.bybit.ws.Probe.ms;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The stream against the fake Bybit server: subscriptions, acks, pings, data pass-through, stop. */
@ExtendWith(VertxExtension.class)
class BybitPublicStreamIT {
    static final StreamOptions FAST = StreamOptions.defaults()
            .withPing(ms(100), ms(1_000))
            .withConnectTimeout(ms(1_000))
            .withAckTimeout(ms(1_000))
            .withBackoff(ms(20), ms(200), ms(5_000))
            .withRandom(new Random(1));

    private Vertx vertx;
    private FakeBybitPublicServer server;
    private final List<BybitPublicStream> streams = new ArrayList<>();

    @BeforeEach
    void startServer(Vertx vertx) {
        this.vertx = vertx;
        server = join(FakeBybitPublicServer.start(vertx));
    }

    @AfterEach
    void stopAll() {
        streams.forEach(s -> join(s.stop()));
        join(server.close());
    }

    private BybitPublicStream stream(Category category, StreamOptions options, Probe probe) {
        BybitPublicStream s = new BybitPublicStream(vertx, server.baseUri(), category, options, probe.onFrame, probe.onEvent);
        streams.add(s);
        return s;
    }

    private static List<String> topics(String prefix, int n) {
        return IntStream.range(0, n).mapToObj(i -> prefix + i).toList();
    }

    @Test
    void endpointAppendsThePublicPathToWsAndWssBases() {
        assertThat(BybitPublicStream.endpoint(URI.create("wss://stream.bybit.com"), Category.LINEAR))
                .isEqualTo(URI.create("wss://stream.bybit.com/v5/public/linear"));
        assertThat(BybitPublicStream.endpoint(URI.create("ws://127.0.0.1:8080/"), Category.OPTION))
                .isEqualTo(URI.create("ws://127.0.0.1:8080/v5/public/option"));
        assertThatThrownBy(() -> BybitPublicStream.endpoint(URI.create("https://stream.bybit.com"), Category.SPOT))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void spotTopicsDesiredBeforeStartGoOutInBatchesOfTenAndAreAcked() {
        Probe probe = new Probe();
        BybitPublicStream s = stream(Category.SPOT, FAST, probe);
        List<String> wanted = topics("publicTrade.SYM", 23);
        s.subscribe(wanted);
        assertThat(s.state().status()).isEqualTo(Status.STOPPED);

        join(s.start());
        await("all 23 acked", () -> s.state().subscribed().size() == 23);

        List<Request> reqs = server.subscribeRequests(Category.SPOT);
        assertThat(reqs).extracting(r -> r.args().size()).containsExactly(10, 10, 3);
        assertThat(reqs).extracting(Request::reqId).doesNotContainNull().doesNotHaveDuplicates();
        assertThat(server.subscribedTopics(Category.SPOT)).containsExactlyInAnyOrderElementsOf(wanted);
        StreamState st = s.state();
        assertThat(st.status()).isEqualTo(Status.CONNECTED);
        assertThat(st.desired()).containsExactlyElementsOf(wanted);
        assertThat(st.failed()).isEmpty();
        assertThat(probe.events).containsExactly(new StreamEvent.Connected(Category.SPOT, 0,
                probe.events(StreamEvent.Connected.class).get(0).atMs()));
        assertThat(probe.frames).as("acks are control frames").isEmpty();
    }

    @Test
    void longTopicListsAreCutToTheArgsCharacterLimit() {
        Probe probe = new Probe();
        BybitPublicStream s = stream(Category.LINEAR, FAST, probe);
        List<String> wanted = topics("orderbook.50." + "X".repeat(90), 600);
        join(s.start());
        s.subscribe(wanted);
        await("all 600 acked", () -> s.state().subscribed().size() == 600);

        List<Request> reqs = server.subscribeRequests(Category.LINEAR);
        assertThat(reqs).hasSizeGreaterThanOrEqualTo(3);
        assertThat(reqs).allSatisfy(r -> assertThat(new JsonArray(new ArrayList<>(r.args())).encode().length()).isLessThanOrEqualTo(21_000));
        assertThat(reqs.stream().flatMap(r -> r.args().stream())).containsExactlyElementsOf(wanted);
    }

    @ParameterizedTest
    @EnumSource(Category.class)
    void aRefusedTopicIsReportedAndTheOthersStillSubscribe(Category category) {
        Probe probe = new Probe();
        server.rejectTopics(List.of("tickers.DELISTED"));
        BybitPublicStream s = stream(category, FAST, probe);
        join(s.start());
        s.subscribe(List.of("tickers.A", "tickers.DELISTED", "tickers.B"));

        await("failure reported", () -> !probe.events(StreamEvent.SubscribeFailed.class).isEmpty());
        await("good topics acked", () -> s.state().subscribed().size() == 2);
        StreamEvent.SubscribeFailed failed = probe.events(StreamEvent.SubscribeFailed.class).get(0);
        assertThat(failed.category()).isEqualTo(category);
        assertThat(failed.topics()).containsExactly("tickers.DELISTED");
        assertThat(s.state().subscribed()).containsExactlyInAnyOrder("tickers.A", "tickers.B");
        assertThat(s.state().failed()).containsOnlyKeys("tickers.DELISTED");
        assertThat(server.subscribedTopics(category)).containsExactlyInAnyOrder("tickers.A", "tickers.B");
        assertThat(probe.events(StreamEvent.SubscribeFailed.class)).as("reported once, not retried in a loop").hasSize(1);
        assertThat(s.state().status()).isEqualTo(Status.CONNECTED);
    }

    @ParameterizedTest
    @EnumSource(Category.class)
    void acksArrivingNewestFirstAreMatchedToTheirRequests(Category category) {
        Probe probe = new Probe();
        BybitPublicStream s = stream(category, FAST, probe);
        join(s.start());
        server.holdAcks(category);
        s.subscribe(List.of("tickers.A"));
        s.subscribe(List.of("tickers.B", "tickers.C"));
        s.subscribe(List.of("tickers.D"));
        await("three requests received", () -> server.subscribeRequests(category).size() == 3);
        assertThat(s.state().subscribed()).isEmpty();

        server.releaseAcksReversed(category);
        await("all acked", () -> s.state().subscribed().size() == 4);
        assertThat(s.state().failed()).isEmpty();
        assertThat(probe.events(StreamEvent.SubscribeFailed.class)).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Category.class)
    void pingsGoOutAtTheIntervalAndEachCategorysPongKeepsTheConnectionAlive(Category category) throws InterruptedException {
        Probe probe = new Probe();
        BybitPublicStream s = stream(category, FAST.withPing(ms(100), ms(800)), probe);
        join(s.start());
        long t0 = System.nanoTime();
        Thread.sleep(2_000);
        double elapsedMs = (System.nanoTime() - t0) / 1e6;

        assertThat(probe.events(StreamEvent.Disconnected.class)).as("pongs alone keep an idle connection alive").isEmpty();
        assertThat(server.acceptedCount(category)).isOne();
        int pings = server.pingCount(category);
        assertThat(pings).isBetween((int) (elapsedMs / 100) - 3, (int) (elapsedMs / 100) + 1);
        assertThat(server.requests(category)).filteredOn(r -> r.op().equals("ping"))
                .allSatisfy(r -> assertThat(r.raw()).matches("\\{\"req_id\":\"ping-\\d+\",\"op\":\"ping\"}"));
        assertThat(probe.frames).as("pongs are control frames").isEmpty();
        assertThat(s.state().lastMessageMs()).isGreaterThan(System.currentTimeMillis() - 500);
    }

    @Test
    void unsubscribeReachesTheServerAndLeavesTheRest() {
        Probe probe = new Probe();
        BybitPublicStream s = stream(Category.SPOT, FAST, probe);
        join(s.start());
        s.subscribe(List.of("kline.1.BTCUSDT", "kline.1.ETHUSDT", "kline.1.SOLUSDT"));
        await("acked", () -> s.state().subscribed().size() == 3);

        s.unsubscribe(List.of("kline.1.ETHUSDT", "kline.1.NEVER"));
        await("server dropped it", () -> server.subscribedTopics(Category.SPOT).size() == 2);
        assertThat(server.unsubscribeRequests(Category.SPOT)).singleElement()
                .satisfies(r -> assertThat(r.args()).containsExactly("kline.1.ETHUSDT"));
        assertThat(s.state().desired()).containsExactly("kline.1.BTCUSDT", "kline.1.SOLUSDT");
        assertThat(s.state().subscribed()).containsExactlyInAnyOrder("kline.1.BTCUSDT", "kline.1.SOLUSDT");

        s.unsubscribe(List.of("kline.1.ETHUSDT"));
        s.subscribe(List.of("kline.1.BTCUSDT"));
        await("a ping round-trip later", () -> server.pingCount(Category.SPOT) >= 2);
        assertThat(server.unsubscribeRequests(Category.SPOT)).as("idempotent").hasSize(1);
        assertThat(server.subscribeRequests(Category.SPOT)).as("idempotent").hasSize(1);
    }

    @Test
    void dataAndGarbageFramesPassThroughInOrderWithoutHarmingTheConnection() {
        Probe probe = new Probe();
        BybitPublicStream s = stream(Category.LINEAR, FAST, probe);
        join(s.start());
        String trade = "{\"topic\":\"publicTrade.BTCUSDT\",\"type\":\"snapshot\",\"ts\":1672304486868,"
                + "\"data\":[{\"T\":1672304486865,\"s\":\"BTCUSDT\",\"S\":\"Buy\",\"v\":\"0.001\",\"p\":\"16578.50\",\"i\":\"x\"}]}";
        server.push(Category.LINEAR, trade);
        server.sendGarbage(Category.LINEAR, "this is not json {");
        server.sendGarbage(Category.LINEAR, "{\"unexpected\":true}");
        server.push(Category.LINEAR, trade);

        await("four frames", () -> probe.frames.size() == 4);
        assertThat(probe.frames).containsExactly(trade, "this is not json {", "{\"unexpected\":true}", trade);
        await("still answering pings", () -> server.pingCount(Category.LINEAR) >= 2);
        assertThat(probe.events(StreamEvent.Disconnected.class)).isEmpty();
        assertThat(server.acceptedCount(Category.LINEAR)).isOne();
    }

    @Test
    void aThrowingCallbackDoesNotBreakTheStream() {
        List<String> seen = new ArrayList<>();
        BybitPublicStream s = new BybitPublicStream(vertx, server.baseUri(), Category.SPOT, FAST, f -> {
            synchronized (seen) {
                seen.add(f);
            }
            throw new IllegalStateException("decoder bug");
        }, e -> {
            throw new IllegalStateException("owner bug");
        });
        streams.add(s);
        join(s.start());
        server.push(Category.SPOT, "{\"topic\":\"a\"}");
        server.push(Category.SPOT, "{\"topic\":\"b\"}");
        await("both frames delivered", () -> {
            synchronized (seen) {
                return seen.size() == 2;
            }
        });
        s.subscribe(List.of("tickers.BTCUSDT"));
        await("still subscribing", () -> s.state().subscribed().contains("tickers.BTCUSDT"));
    }

    @Test
    void callbacksRunOnTheOwnersEventLoop() {
        Probe probe = new Probe();
        String[] owner = new String[1];
        BybitPublicStream[] holder = new BybitPublicStream[1];
        io.vertx.core.Context ctx = vertx.getOrCreateContext();
        ctx.runOnContext(v -> {
            owner[0] = Thread.currentThread().getName();
            holder[0] = stream(Category.SPOT, FAST, probe);
            holder[0].start();
        });
        await("connected", () -> holder[0] != null && holder[0].state().status() == Status.CONNECTED);
        server.push(Category.SPOT, "{\"topic\":\"x\"}");
        await("frame", () -> probe.frames.size() == 1);
        assertThat(probe.threads).containsExactly(owner[0]);
    }

    @Test
    void stopClosesCleanlyAndNothingHappensAfterwards() throws InterruptedException {
        Probe probe = new Probe();
        BybitPublicStream s = stream(Category.OPTION, FAST, probe);
        join(s.start());
        s.subscribe(List.of("tickers.BTC-27DEC24-60000-C"));
        await("acked", () -> s.state().subscribed().size() == 1);

        join(s.stop());
        assertThat(s.state().status()).isEqualTo(Status.STOPPED);
        assertThat(s.state().subscribed()).isEmpty();
        await("server saw the close", () -> server.connectionCount(Category.OPTION) == 0);
        int events = probe.events.size();
        int pings = server.pingCount(Category.OPTION);

        server.push(Category.OPTION, "{\"topic\":\"late\"}");
        Thread.sleep(1_200); // > stall timeout and backoff ceiling: a leaked timer would show now
        assertThat(server.acceptedCount(Category.OPTION)).isOne();
        assertThat(server.pingCount(Category.OPTION)).isEqualTo(pings);
        assertThat(probe.events).hasSize(events);
        assertThat(probe.frames).isEmpty();
        assertThat(join(s.stop())).as("idempotent").isNull();
        assertThatThrownBy(() -> join(s.start())).as("not restartable").hasMessageContaining("cannot be restarted");
    }
}
