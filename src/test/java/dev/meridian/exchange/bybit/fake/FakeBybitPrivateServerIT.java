package dev.meridian.exchange.bybit.fake;

import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The fake's own answers, with a bare WebSocket client: a fake that accepts anything would prove nothing. */
@ExtendWith(VertxExtension.class)
class FakeBybitPrivateServerIT {
    private FakeBybitPrivateServer server;
    private WebSocketClient client;
    private WebSocket ws;
    private final BlockingQueue<JsonObject> answers = new LinkedBlockingQueue<>();

    @BeforeEach
    void setUp(Vertx vertx) throws Exception {
        server = FakeBybitPrivateServer.start(vertx).toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        client = vertx.createWebSocketClient();
        ws = client.connect(server.port(), "127.0.0.1", FakeBybitPrivateServer.PATH)
                .toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        ws.textMessageHandler(t -> answers.add(new JsonObject(t)));
    }

    @AfterEach
    void tearDown() throws Exception {
        client.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        server.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    }

    private JsonObject ask(String frame) throws InterruptedException {
        ws.writeTextMessage(frame);
        JsonObject answer = answers.poll(3, TimeUnit.SECONDS);
        assertThat(answer).as("answer to " + frame).isNotNull();
        return answer;
    }

    private static String auth(String key, long expires, String signature) {
        return "{\"req_id\":\"a\",\"op\":\"auth\",\"args\":[\"" + key + "\"," + expires + ",\"" + signature + "\"]}";
    }

    @Test
    void refusesEveryBadAuthAndSubscribeBeforeAuth() throws Exception {
        long future = System.currentTimeMillis() + 10_000;
        long past = System.currentTimeMillis() - 1;
        String good = FakeBybitPrivateServer.sign(FakeBybitPrivateServer.TEST_SECRET, future);

        assertThat(ask("{\"op\":\"subscribe\",\"args\":[\"order\"]}").getBoolean("success")).isFalse();
        for (String bad : new String[] {
                auth("other-key", future, good),
                auth(FakeBybitPrivateServer.TEST_KEY, future, FakeBybitPrivateServer.sign("wrong", future)),
                auth(FakeBybitPrivateServer.TEST_KEY, future + 1, good),
                auth(FakeBybitPrivateServer.TEST_KEY, past, FakeBybitPrivateServer.sign(FakeBybitPrivateServer.TEST_SECRET, past)),
                "{\"op\":\"auth\",\"args\":[\"test-key\"]}"}) {
            JsonObject answer = ask(bad);
            assertThat(answer.getBoolean("success")).as(bad).isFalse();
            assertThat(answer.getString("ret_msg")).isEqualTo("Params Error");
            assertThat(answer.getString("op")).isEqualTo("auth");
        }
        assertThat(server.authFailures()).isEqualTo(5);
        assertThat(server.subscribedTopics()).isEmpty();
    }

    @Test
    void acceptsTheRightSignatureThenAcksSubscribeAnswersPingsAndPushes() throws Exception {
        long expires = System.currentTimeMillis() + 10_000;
        JsonObject ok = ask(auth(FakeBybitPrivateServer.TEST_KEY, expires,
                FakeBybitPrivateServer.sign(FakeBybitPrivateServer.TEST_SECRET, expires)));
        assertThat(ok.getBoolean("success")).isTrue();
        assertThat(ok.getString("conn_id")).isEqualTo("fake-private-1");

        JsonObject ack = ask("{\"op\":\"subscribe\",\"args\":[\"order\",\"wallet\"]}");
        assertThat(ack.getBoolean("success")).isTrue();
        assertThat(ack.getString("op")).isEqualTo("subscribe");
        assertThat(server.subscribedTopics()).containsExactlyInAnyOrder("order", "wallet");

        JsonObject pong = ask("{\"req_id\":\"p1\",\"op\":\"ping\"}");
        assertThat(pong.getString("op")).isEqualTo("pong");
        assertThat(pong.getString("req_id")).isEqualTo("p1");

        server.push("{\"topic\":\"wallet\",\"data\":[]}");
        assertThat(answers.poll(3, TimeUnit.SECONDS)).isEqualTo(new JsonObject("{\"topic\":\"wallet\",\"data\":[]}"));

        server.stopPongs();
        ws.writeTextMessage("{\"req_id\":\"p2\",\"op\":\"ping\"}");
        assertThat(answers.poll(300, TimeUnit.MILLISECONDS)).isNull();
        assertThat(server.requests("ping")).extracting(FakeBybitPrivateServer.Request::reqId).containsExactly("p1", "p2");
    }
}
