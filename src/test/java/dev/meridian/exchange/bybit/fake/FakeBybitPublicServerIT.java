package dev.meridian.exchange.bybit.fake;

import dev.meridian.core.Category;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The fake answers in each category's documented shape (reference section 3), so other tests can trust it. */
@ExtendWith(VertxExtension.class)
class FakeBybitPublicServerIT {
    private FakeBybitPublicServer server;
    private WebSocketClient client;

    @BeforeEach
    void start(Vertx vertx) throws Exception {
        server = join(FakeBybitPublicServer.start(vertx));
        client = vertx.createWebSocketClient();
    }

    @AfterEach
    void stop() throws Exception {
        join(client.close());
        join(server.close());
    }

    private static <T> T join(Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    }

    /** A raw connection whose inbound frames queue up for the test. */
    private final class Raw {
        final WebSocket ws;
        final BlockingQueue<String> inbox = new LinkedBlockingQueue<>();

        Raw(Category category) throws Exception {
            ws = join(client.connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(server.port())
                    .setURI("/v5/public/" + category.wire())));
            ws.textMessageHandler(inbox::add);
        }

        JsonObject ask(String request) throws Exception {
            ws.writeTextMessage(request);
            String answer = inbox.poll(3, TimeUnit.SECONDS);
            assertThat(answer).as("answer to " + request).isNotNull();
            return new JsonObject(answer);
        }
    }

    @Test
    void spotAcksAndPongs() throws Exception {
        Raw spot = new Raw(Category.SPOT);
        JsonObject ack = spot.ask("{\"req_id\":\"10001\",\"op\":\"subscribe\",\"args\":[\"tickers.BTCUSDT\"]}");
        assertThat(ack.fieldNames()).containsExactly("success", "ret_msg", "conn_id", "req_id", "op");
        assertThat(ack.getBoolean("success")).isTrue();
        assertThat(ack.getString("ret_msg")).isEqualTo("subscribe");
        assertThat(ack.getString("req_id")).isEqualTo("10001");
        JsonObject pong = spot.ask("{\"req_id\":\"7\",\"op\":\"ping\"}");
        assertThat(pong.fieldNames()).containsExactly("success", "ret_msg", "conn_id", "op");
        assertThat(pong.getString("ret_msg")).isEqualTo("pong");
        assertThat(pong.getString("op")).isEqualTo("ping");
        assertThat(server.subscribedTopics(Category.SPOT)).containsExactly("tickers.BTCUSDT");
    }

    @Test
    void spotRefusesMoreThanTenArgsAndAppliesNothing() throws Exception {
        Raw spot = new Raw(Category.SPOT);
        JsonArray eleven = new JsonArray(IntStream.range(0, 11).mapToObj(i -> "tickers.S" + i).toList());
        JsonObject ack = spot.ask(new JsonObject().put("req_id", "1").put("op", "subscribe").put("args", eleven).encode());
        assertThat(ack.getBoolean("success")).isFalse();
        assertThat(ack.getString("ret_msg")).isEqualTo("args size >10");
        assertThat(server.subscribedTopics(Category.SPOT)).isEmpty();
        assertThat(server.subscribeRequests(Category.SPOT)).singleElement().satisfies(r -> assertThat(r.args()).hasSize(11));
    }

    @Test
    void linearEchoesReqIdAndRefusesWholeRequests() throws Exception {
        server.rejectTopics(List.of("tickers.NOPE"));
        Raw linear = new Raw(Category.LINEAR);
        JsonObject ok = linear.ask("{\"req_id\":\"a1\",\"op\":\"subscribe\",\"args\":[\"tickers.BTCUSDT\"]}");
        assertThat(ok.fieldNames()).containsExactly("success", "ret_msg", "conn_id", "req_id", "op");
        assertThat(ok.getString("ret_msg")).isEmpty();
        assertThat(ok.getString("req_id")).isEqualTo("a1");
        JsonObject refused = linear.ask("{\"req_id\":\"a2\",\"op\":\"subscribe\",\"args\":[\"tickers.ETHUSDT\",\"tickers.NOPE\"]}");
        assertThat(refused.getBoolean("success")).isFalse();
        assertThat(refused.getString("ret_msg")).isEqualTo("error:handler not found,topic:tickers.NOPE");
        JsonObject again = linear.ask("{\"req_id\":\"a3\",\"op\":\"subscribe\",\"args\":[\"tickers.BTCUSDT\"]}");
        assertThat(again.getString("ret_msg")).isEqualTo("error:already subscribed,topic:tickers.BTCUSDT");
        assertThat(server.subscribedTopics(Category.LINEAR)).containsExactly("tickers.BTCUSDT");
        JsonObject pong = linear.ask("{\"op\":\"ping\"}");
        assertThat(pong.getString("req_id")).isEmpty();
        assertThat(pong.getString("ret_msg")).isEqualTo("pong");
        JsonObject unsub = linear.ask("{\"req_id\":\"a4\",\"op\":\"unsubscribe\",\"args\":[\"tickers.BTCUSDT\"]}");
        assertThat(unsub.getString("op")).isEqualTo("unsubscribe");
        assertThat(server.subscribedTopics(Category.LINEAR)).isEmpty();
    }

    @Test
    void optionAnswersCommandRespAndPongsWithATimestamp() throws Exception {
        server.rejectTopics(List.of("tickers.BAD-C"));
        Raw option = new Raw(Category.OPTION);
        JsonObject ack = option.ask("{\"req_id\":\"x\",\"op\":\"subscribe\",\"args\":[\"tickers.BTC-27DEC24-60000-C\",\"tickers.BAD-C\"]}");
        assertThat(ack.fieldNames()).containsExactly("success", "conn_id", "data", "type");
        assertThat(ack.getString("type")).isEqualTo("COMMAND_RESP");
        assertThat(ack.getJsonObject("data").getJsonArray("successTopics")).containsExactly("tickers.BTC-27DEC24-60000-C");
        assertThat(ack.getJsonObject("data").getJsonArray("failTopics")).containsExactly("tickers.BAD-C");
        JsonObject pong = option.ask("{\"req_id\":\"p\",\"op\":\"ping\"}");
        assertThat(pong.fieldNames()).containsExactly("args", "op");
        assertThat(pong.getString("op")).isEqualTo("pong");
        assertThat(Long.parseLong(pong.getJsonArray("args").getString(0))).isPositive();
    }

    @Test
    void pushStallDropAndCounters() throws Exception {
        Raw a = new Raw(Category.LINEAR);
        Raw b = new Raw(Category.LINEAR);
        // The client's handshake can complete before the server has registered the socket.
        awaitCount(2);
        server.push(Category.LINEAR, "{\"topic\":\"x\"}");
        assertThat(a.inbox.poll(3, TimeUnit.SECONDS)).isEqualTo("{\"topic\":\"x\"}");
        assertThat(b.inbox.poll(3, TimeUnit.SECONDS)).isEqualTo("{\"topic\":\"x\"}");

        server.stall();
        a.ws.writeTextMessage("{\"op\":\"ping\"}");
        server.push(Category.LINEAR, "{\"topic\":\"y\"}");
        assertThat(a.inbox.poll(300, TimeUnit.MILLISECONDS)).as("stalled: no pong, no push").isNull();
        Raw c = new Raw(Category.LINEAR);
        assertThat(c.ask("{\"op\":\"ping\"}").getString("ret_msg")).as("later connections are served").isEqualTo("pong");

        server.dropConnections();
        awaitCount(0);
        assertThat(server.acceptedCount(Category.LINEAR)).isEqualTo(3);
        assertThat(server.pingCount(Category.LINEAR)).isEqualTo(2);
    }

    private void awaitCount(int n) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
        while (server.connectionCount(Category.LINEAR) != n && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(server.connectionCount(Category.LINEAR)).isEqualTo(n);
    }

    @Test
    void unknownPathsAreRefused() {
        assertThatThrownBy(() -> join(client.connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(server.port())
                .setURI("/v5/public/inverse")))).hasMessageContaining("404");
    }
}
