package dev.meridian.exchange.bybit.fake;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.ServerWebSocketHandshake;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local stand-in for Bybit's V5 private stream: one WebSocket endpoint {@code /v5/private} on
 * 127.0.0.1 (random free port unless one is given), answering in the private shapes of the reference
 * (sections 2 and 3):
 * <ul>
 * <li>{@code auth}: checks {@code args = [apiKey, expires, signature]} against its key and secret:
 *     the key must match, {@code expires} (a JSON integer or a string of digits) must lie in the
 *     future by the server's clock, and the signature must be the lowercase hex HMAC-SHA256 of
 *     {@code "GET/realtime" + expires}. Success answers
 *     {@code {"success":true,"ret_msg":"","op":"auth","conn_id"}}; any fault answers
 *     {@code {"success":false,"ret_msg":"Params Error","op":"auth","conn_id"}}, the one refusal
 *     observed live (Bybit does not say which part was wrong), and leaves the connection open.</li>
 * <li>{@code subscribe}: acks {@code {"success":true,"ret_msg":"","op":"subscribe","conn_id"}} once
 *     authenticated. Before auth it refuses with {@code "Request not authorized"}: the real wording
 *     is undocumented, tests only need the refusal.</li>
 * <li>{@code ping}: answers {@code {"req_id","op":"pong","args":["<ms>"],"conn_id"}} unless
 *     {@linkplain #stopPongs pongs are stopped} on that connection.</li>
 * </ul>
 * Every request is recorded with its connection number for assertions. {@link #push} and
 * {@link #dropConnections} are queued, in call order, onto the server's event loop;
 * {@link #stopPongs}, {@link #ignoreAuth} and {@link #refuseSubscribe} take effect before they return. Recordings and counters are safe to read from
 * any thread. Tests {@link #push} whatever data frames they need; the server invents none (in
 * particular no wallet snapshot on subscribe, like Bybit); {@link #positionFrame} and
 * {@link #linearExecutionFrame} build the linear ones a perps test needs.
 */
public final class FakeBybitPrivateServer {
    public static final String TEST_KEY = "test-key";
    public static final String TEST_SECRET = "test-secret";
    public static final String PATH = "/v5/private";

    /**
     * One request as received.
     *
     * @param connection the connection's number, 1-based in order of acceptance
     * @param reqId      {@code req_id}, or null when absent
     * @param op         {@code op}, or "" when absent
     * @param args       {@code args} as strings (empty when absent)
     * @param raw        the frame as received
     */
    public record Request(int connection, String reqId, String op, List<String> args, String raw) {
        public Request {
            args = List.copyOf(args);
        }
    }

    private static final class Conn {
        final ServerWebSocket ws;
        final int number;
        final String connId;
        volatile boolean authenticated;
        volatile boolean pongsStopped;
        final Set<String> topics = ConcurrentHashMap.newKeySet();

        Conn(ServerWebSocket ws, int number) {
            this.ws = ws;
            this.number = number;
            this.connId = "fake-private-" + number;
        }
    }

    private final Vertx vertx;
    private final String apiKey;
    private final String apiSecret;
    private final List<Conn> open = new CopyOnWriteArrayList<>();
    private final AtomicInteger accepted = new AtomicInteger();
    private final AtomicInteger authOk = new AtomicInteger();
    private final AtomicInteger authRefused = new AtomicInteger();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final ServerVerticle verticle = new ServerVerticle();
    private volatile int port;
    private volatile boolean authIgnored;
    private volatile String subscribeRefusal;

    private FakeBybitPrivateServer(Vertx vertx, String apiKey, String apiSecret, int port) {
        this.vertx = vertx;
        this.apiKey = apiKey;
        this.apiSecret = apiSecret;
        this.port = port;
    }

    /** Starts a server accepting {@link #TEST_KEY}/{@link #TEST_SECRET} at a random free port. */
    public static Future<FakeBybitPrivateServer> start(Vertx vertx) {
        return start(vertx, TEST_KEY, TEST_SECRET, 0);
    }

    /** Starts a server accepting the given key and secret at {@code port} (0 = random free port). */
    public static Future<FakeBybitPrivateServer> start(Vertx vertx, String apiKey, String apiSecret, int port) {
        FakeBybitPrivateServer fake = new FakeBybitPrivateServer(vertx, apiKey, apiSecret, port);
        return vertx.deployVerticle(fake.verticle).map(id -> fake);
    }

    /** Stops listening and closes every connection. */
    public Future<Void> close() {
        return vertx.undeploy(verticle.deploymentID());
    }

    /** {@code ws://127.0.0.1:PORT/v5/private}. */
    public URI url() {
        return URI.create("ws://127.0.0.1:" + port + PATH);
    }

    public int port() {
        return port;
    }

    /** Sends a text frame to every open, authenticated connection. */
    public void push(String frame) {
        onServer(() -> open.stream().filter(c -> c.authenticated).forEach(c -> c.ws.writeTextMessage(frame)));
    }

    /** Closes every open connection from the server side. */
    public void dropConnections() {
        onServer(() -> open.forEach(c -> c.ws.close((short) 1001, "fake drop")));
    }

    /**
     * Makes every currently open connection stop answering pings while staying open and otherwise
     * working; connections accepted later answer normally.
     */
    public void stopPongs() {
        open.forEach(c -> c.pongsStopped = true);
    }

    /** Auth requests arriving after this returns are recorded but never answered, until {@link #answerAuth()}. */
    public void ignoreAuth() {
        authIgnored = true;
    }

    /** Undoes {@link #ignoreAuth()} for auth requests arriving after this returns. */
    public void answerAuth() {
        authIgnored = false;
    }

    /**
     * Subscribe requests arriving after this returns are refused with {@code reason} (null: acked again).
     * Real refusals of private topics are undocumented; this exercises the client's handling of one.
     */
    public void refuseSubscribe(String reason) {
        subscribeRefusal = reason;
    }

    /** Every request received, in arrival order. */
    public List<Request> requests() {
        return List.copyOf(requests);
    }

    /** The requests of one op ({@code auth}, {@code subscribe}, {@code ping} …), in arrival order. */
    public List<Request> requests(String op) {
        return requests.stream().filter(r -> r.op().equals(op)).toList();
    }

    /** Connections ever accepted. */
    public int acceptedCount() {
        return accepted.get();
    }

    /** Connections open right now. */
    public int connectionCount() {
        return open.size();
    }

    /** Auth requests answered with success. */
    public int authSuccesses() {
        return authOk.get();
    }

    /** Auth requests refused. */
    public int authFailures() {
        return authRefused.get();
    }

    /** Topics held by the open connections. */
    public Set<String> subscribedTopics() {
        Set<String> all = new LinkedHashSet<>();
        open.forEach(c -> all.addAll(c.topics));
        return all;
    }

    /**
     * A {@code position.linear} frame for one one-way position, in the shape of Bybit's position
     * topic: {@code side} "Buy", "Sell" or "" (flat), {@code liqPrice} "" when there is none.
     */
    public static String positionFrame(String symbol, String side, String size, String entryPrice, String markPrice,
                                       String liqPrice, String leverage) {
        long now = System.currentTimeMillis();
        JsonObject item = new JsonObject().put("category", "linear").put("symbol", symbol).put("side", side).put("size", size)
                .put("positionIdx", 0).put("tradeMode", 1).put("positionValue", "").put("riskId", 1)
                .put("riskLimitValue", "2000000").put("entryPrice", entryPrice).put("markPrice", markPrice)
                .put("leverage", leverage).put("positionBalance", "").put("autoAddMargin", 0).put("positionIM", "")
                .put("positionMM", "").put("liqPrice", liqPrice).put("bustPrice", "").put("tpslMode", "Full")
                .put("takeProfit", "0").put("stopLoss", "0").put("trailingStop", "0").put("unrealisedPnl", "0")
                .put("curRealisedPnl", "0").put("cumRealisedPnl", "0").put("sessionAvgPrice", "")
                .put("positionStatus", "Normal").put("adlRankIndicator", 2).put("isReduceOnly", false)
                .put("createdTime", Long.toString(now - 60_000)).put("updatedTime", Long.toString(now)).put("seq", 1);
        return new JsonObject().put("id", "pos-" + now).put("topic", "position.linear").put("creationTime", now)
                .put("data", new JsonArray().add(item)).encode();
    }

    /**
     * An {@code execution.linear} frame for one execution: {@code execType} "Trade" for a fill of
     * {@code orderLinkId}, "Funding" for a funding payment (Bybit sends it with an empty
     * {@code orderLinkId}), and so on. The fee is in USDT, as on linear.
     */
    public static String linearExecutionFrame(String symbol, String execType, String execId, String orderLinkId, String side,
                                               String qty, String price, String fee) {
        long now = System.currentTimeMillis();
        JsonObject item = new JsonObject().put("category", "linear").put("symbol", symbol).put("execId", execId)
                .put("execPrice", price).put("execQty", qty).put("execFee", fee).put("feeRate", "0.00055")
                .put("feeCurrency", "USDT").put("execType", execType).put("execValue", "").put("execTime", Long.toString(now))
                .put("isMaker", false).put("orderId", "Funding".equals(execType) ? "" : "b-" + execId)
                .put("orderLinkId", orderLinkId).put("side", side).put("orderPrice", "").put("orderQty", qty)
                .put("leavesQty", "0").put("closedSize", "").put("execPnl", "").put("seq", 1).put("markPrice", price)
                .put("markIv", "").put("tradeIv", "").put("indexPrice", "").put("underlyingPrice", "");
        return new JsonObject().put("id", "x-" + execId).put("topic", "execution.linear").put("creationTime", now)
                .put("data", new JsonArray().add(item)).encode();
    }

    /**
     * An {@code execution.option} frame for one trade of {@code orderLinkId}: the fee is in the settle
     * coin ({@code feeCurrency} USDC, or USDT for a {@code -USDT} symbol), as Bybit charges option fees.
     */
    public static String optionExecutionFrame(String symbol, String execId, String orderLinkId, String side, String qty,
                                              String price, String fee) {
        long now = System.currentTimeMillis();
        JsonObject item = new JsonObject().put("category", "option").put("symbol", symbol).put("execId", execId)
                .put("execPrice", price).put("execQty", qty).put("execFee", fee).put("feeRate", "0.0003")
                .put("feeCurrency", symbol.endsWith("-USDT") ? "USDT" : "USDC").put("execType", "Trade").put("execValue", "")
                .put("execTime", Long.toString(now)).put("isMaker", false).put("orderId", "b-" + orderLinkId)
                .put("orderLinkId", orderLinkId).put("side", side).put("orderPrice", price).put("orderQty", qty)
                .put("leavesQty", "0").put("closedSize", "").put("execPnl", "").put("seq", 1).put("markPrice", price)
                .put("markIv", "0.45").put("tradeIv", "0.45").put("indexPrice", "94000").put("underlyingPrice", "94150");
        return new JsonObject().put("id", "x-" + execId).put("topic", "execution.option").put("creationTime", now)
                .put("data", new JsonArray().add(item)).encode();
    }

    /**
     * An {@code order.option} frame: the order {@code orderLinkId} in {@code orderStatus} (Bybit's word,
     * e.g. "Filled", "Cancelled") with {@code cumExecQty} of {@code qty} executed, as an IOC limit.
     */
    public static String optionOrderFrame(String symbol, String orderLinkId, String side, String orderStatus, String qty,
                                          String cumExecQty, String price, String cancelType) {
        long now = System.currentTimeMillis();
        JsonObject item = new JsonObject().put("category", "option").put("symbol", symbol).put("orderId", "b-" + orderLinkId)
                .put("orderLinkId", orderLinkId).put("side", side).put("orderType", "Limit").put("timeInForce", "IOC")
                .put("price", price).put("qty", qty).put("orderStatus", orderStatus).put("cumExecQty", cumExecQty)
                .put("leavesQty", "0").put("avgPrice", "").put("cumExecFee", "").put("cancelType", cancelType)
                .put("rejectReason", "EC_NoError").put("reduceOnly", false).put("createdTime", Long.toString(now - 5))
                .put("updatedTime", Long.toString(now));
        return new JsonObject().put("id", "o-" + orderLinkId + "-" + now).put("topic", "order.option").put("creationTime", now)
                .put("data", new JsonArray().add(item)).encode();
    }

    /** The signature Bybit expects: lowercase hex HMAC-SHA256 of {@code "GET/realtime" + expires}. */
    public static String sign(String secret, long expires) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(("GET/realtime" + expires).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private void onServer(Runnable action) {
        verticle.context().runOnContext(v -> action.run());
    }

    private final class ServerVerticle extends VerticleBase {
        Context context() {
            return context;
        }

        @Override
        public Future<?> start() {
            // Loads the JSON codec now: on a cold JVM that takes long enough to trip a test's short timeouts.
            new JsonObject().put("warm", true).encode();
            return vertx.createHttpServer()
                    .requestHandler(req -> req.response().setStatusCode(404).end())
                    .webSocketHandshakeHandler(this::handshake)
                    .webSocketHandler(this::connected)
                    .listen(port, "127.0.0.1")
                    .onSuccess(server -> port = server.actualPort());
        }

        private void handshake(ServerWebSocketHandshake hs) {
            if (PATH.equals(hs.path())) {
                hs.accept();
            } else {
                hs.reject(404);
            }
        }

        private void connected(ServerWebSocket ws) {
            Conn conn = new Conn(ws, accepted.incrementAndGet());
            open.add(conn);
            ws.closeHandler(v -> open.remove(conn));
            ws.textMessageHandler(text -> received(conn, text));
        }

        private void received(Conn conn, String text) {
            JsonObject msg;
            try {
                msg = new JsonObject(text);
            } catch (DecodeException e) {
                return;
            }
            String op = msg.getString("op", "");
            String reqId = msg.getString("req_id");
            JsonArray rawArgs = msg.getJsonArray("args", new JsonArray());
            List<String> args = new ArrayList<>();
            rawArgs.forEach(a -> args.add(String.valueOf(a)));
            requests.add(new Request(conn.number, reqId, op, args, text));
            switch (op) {
                case "auth" -> {
                    if (!authIgnored) {
                        conn.ws.writeTextMessage(auth(conn, rawArgs).encode());
                    }
                }
                case "subscribe" -> conn.ws.writeTextMessage(subscribe(conn, args).encode());
                case "ping" -> {
                    if (!conn.pongsStopped) {
                        conn.ws.writeTextMessage(new JsonObject().put("req_id", reqId == null ? "" : reqId).put("op", "pong")
                                .put("args", new JsonArray().add(Long.toString(System.currentTimeMillis())))
                                .put("conn_id", conn.connId).encode());
                    }
                }
                default -> {
                    // The real server's answer to unknown ops is undocumented; tests don't need one.
                }
            }
        }

        private JsonObject auth(Conn conn, JsonArray args) {
            boolean ok = args.size() == 3 && apiKey.equals(args.getValue(0)) && validSignature(args.getValue(1), args.getValue(2));
            if (ok) {
                conn.authenticated = true;
                authOk.incrementAndGet();
            } else {
                authRefused.incrementAndGet();
            }
            JsonObject answer = new JsonObject().put("success", ok).put("ret_msg", ok ? "" : "Params Error").put("op", "auth");
            return answer.put("conn_id", conn.connId);
        }

        private boolean validSignature(Object expiresArg, Object signatureArg) {
            long expires;
            if (expiresArg instanceof Number n) {
                expires = n.longValue();
            } else if (expiresArg instanceof String s && s.matches("\\d{1,18}")) {
                expires = Long.parseLong(s);
            } else {
                return false;
            }
            if (expires <= System.currentTimeMillis() || !(signatureArg instanceof String sig)) {
                return false;
            }
            return MessageDigest.isEqual(sign(apiSecret, expires).getBytes(StandardCharsets.UTF_8),
                    sig.getBytes(StandardCharsets.UTF_8));
        }

        private JsonObject subscribe(Conn conn, List<String> topics) {
            String refusal = !conn.authenticated ? "Request not authorized" : subscribeRefusal;
            if (refusal == null) {
                conn.topics.addAll(topics);
            }
            return new JsonObject().put("success", refusal == null)
                    .put("ret_msg", refusal == null ? "" : refusal)
                    .put("op", "subscribe").put("conn_id", conn.connId);
        }
    }
}
