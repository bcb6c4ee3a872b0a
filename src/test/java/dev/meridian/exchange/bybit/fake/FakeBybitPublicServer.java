package dev.meridian.exchange.bybit.fake;

import dev.meridian.core.Category;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.ServerWebSocketHandshake;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.net.URI;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local stand-in for Bybit's V5 public streams: WebSocket endpoints {@code /v5/public/spot},
 * {@code /linear} and {@code /option} on 127.0.0.1 (random free port unless one is given), answering
 * like the real ones (shapes from the V5 "connect" page, reference section 3):
 * <ul>
 * <li>subscribe/unsubscribe acks: spot {@code {"success","ret_msg":"subscribe","conn_id","req_id","op"}}
 *     (its unsubscribe ack mirrors it with {@code ret_msg:"unsubscribe"}); linear {@code ret_msg:""}
 *     and {@code req_id} always present (echoed, or ""); option
 *     {@code {"success","conn_id","data":{"failTopics","successTopics"},"type":"COMMAND_RESP"}} for both
 *     operations, with no {@code req_id} or {@code op}.</li>
 * <li>pongs: spot {@code {"success":true,"ret_msg":"pong","conn_id","op":"ping"}}, linear the same plus
 *     the echoed {@code req_id}, option {@code {"args":["<ms>"],"op":"pong"}}.</li>
 * <li>limits and refusals: spot requests of more than 10 args fail with {@code "args size >10"}; any
 *     request whose args array exceeds 21,000 characters fails; on spot and linear a request naming a
 *     {@linkplain #rejectTopics rejected} topic fails as a whole ({@code "error:handler not found,topic:X"}),
 *     as does re-subscribing a topic the connection holds ({@code "error:already subscribed,topic:X"}),
 *     and nothing of a failed request is applied (the real server's partial behaviour is undocumented);
 *     on option, rejected topics come back in {@code failTopics} and the rest are applied.</li>
 * </ul>
 * Every request (pings included) is recorded per category for assertions. {@link #rejectTopics},
 * {@link #stall} and {@link #holdAcks} take effect before they return; {@link #push},
 * {@link #sendGarbage}, {@link #dropConnections} and {@link #releaseAcksReversed} are queued, in call
 * order, onto the server's own event loop. Recordings and counters are safe to read from any thread.
 * Not a model of market data: tests {@link #push} whatever frames they need.
 */
public final class FakeBybitPublicServer {
    private static final int MAX_ARGS_CHARS = 21_000;
    private static final int SPOT_MAX_ARGS = 10;

    /**
     * One request as received.
     *
     * @param connection the connection's number, 1-based per category in order of acceptance
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

    private final class Conn {
        final Category category;
        final ServerWebSocket ws;
        final int number;
        final String connId;
        final Set<String> topics = ConcurrentHashMap.newKeySet();
        volatile boolean stalled;

        Conn(Category category, ServerWebSocket ws, int number) {
            this.category = category;
            this.ws = ws;
            this.number = number;
            this.connId = "fake-" + category.wire() + "-" + number;
        }
    }

    private final Map<Category, List<Conn>> open = new EnumMap<>(Category.class);
    private final Map<Category, AtomicInteger> accepted = new EnumMap<>(Category.class);
    private final Map<Category, List<Request>> requests = new EnumMap<>(Category.class);
    private final Set<String> rejected = ConcurrentHashMap.newKeySet();
    private final Map<Category, Deque<Runnable>> heldAcks = new EnumMap<>(Category.class);
    private final Set<Category> holding = ConcurrentHashMap.newKeySet();
    private final Vertx vertx;
    private final ServerVerticle verticle = new ServerVerticle();
    private volatile int port;

    private FakeBybitPublicServer(Vertx vertx) {
        this.vertx = vertx;
        for (Category c : Category.values()) {
            open.put(c, new CopyOnWriteArrayList<>());
            accepted.put(c, new AtomicInteger());
            requests.put(c, new CopyOnWriteArrayList<>());
            heldAcks.put(c, new ArrayDeque<>());
        }
    }

    /** Starts a server on 127.0.0.1 at a random free port, on its own event loop. */
    public static Future<FakeBybitPublicServer> start(Vertx vertx) {
        return start(vertx, 0);
    }

    /** Starts a server on 127.0.0.1 at the given port (0 = random free port), on its own event loop. */
    public static Future<FakeBybitPublicServer> start(Vertx vertx, int port) {
        FakeBybitPublicServer fake = new FakeBybitPublicServer(vertx);
        fake.port = port;
        return vertx.deployVerticle(fake.verticle).map(id -> fake);
    }

    /** Stops listening and closes every connection. */
    public Future<Void> close() {
        return vertx.undeploy(verticle.deploymentID());
    }

    /** {@code ws://127.0.0.1:PORT}, the base URI a stream appends {@code /v5/public/{category}} to. */
    public URI baseUri() {
        return URI.create("ws://127.0.0.1:" + port);
    }

    public int port() {
        return port;
    }

    /** Makes the server refuse these topics in every later subscribe request, on every category. */
    public void rejectTopics(Collection<String> topics) {
        rejected.addAll(topics);
    }

    /** Sends a text frame to every open, non-stalled connection of the category. */
    public void push(Category category, String frame) {
        onServer(() -> open.get(category).stream().filter(c -> !c.stalled).forEach(c -> c.ws.writeTextMessage(frame)));
    }

    /** Sends text that is not valid JSON (or any text a test likes); the same path as {@link #push}. */
    public void sendGarbage(Category category, String text) {
        push(category, text);
    }

    /** Closes every open connection of every category from the server side. */
    public void dropConnections() {
        onServer(() -> open.values().forEach(list -> list.forEach(c -> c.ws.close((short) 1001, "fake drop"))));
    }

    /**
     * Makes every currently open connection go silent while staying open: requests arriving after this
     * call returns are still recorded but never answered, and pushes skip it. Connections accepted
     * later behave normally, so a client that drops a stalled connection and reconnects is served again.
     */
    public void stall() {
        open.values().forEach(list -> list.forEach(c -> c.stalled = true));
    }

    /**
     * Holds subscribe/unsubscribe acks of the category (pongs still flow) until {@link #releaseAcksReversed};
     * in effect for every request arriving after this call returns.
     */
    public void holdAcks(Category category) {
        holding.add(category);
    }

    /** Sends the held acks of the category newest first, to exercise out-of-order matching, and stops holding. */
    public void releaseAcksReversed(Category category) {
        onServer(() -> {
            holding.remove(category);
            Deque<Runnable> held = heldAcks.get(category);
            while (!held.isEmpty()) {
                held.pollLast().run();
            }
        });
    }

    /** Every request received on the category, in arrival order. */
    public List<Request> requests(Category category) {
        return List.copyOf(requests.get(category));
    }

    /** The subscribe requests received on the category, in arrival order. */
    public List<Request> subscribeRequests(Category category) {
        return ofOp(category, "subscribe");
    }

    /** The unsubscribe requests received on the category, in arrival order. */
    public List<Request> unsubscribeRequests(Category category) {
        return ofOp(category, "unsubscribe");
    }

    /** Number of pings received on the category. */
    public int pingCount(Category category) {
        return ofOp(category, "ping").size();
    }

    /** Connections of the category open right now. */
    public int connectionCount(Category category) {
        return open.get(category).size();
    }

    /** Connections of the category ever accepted. */
    public int acceptedCount(Category category) {
        return accepted.get(category).get();
    }

    /** Topics held by the open connections of the category. */
    public Set<String> subscribedTopics(Category category) {
        Set<String> all = new LinkedHashSet<>();
        open.get(category).forEach(c -> all.addAll(c.topics));
        return all;
    }

    private List<Request> ofOp(Category category, String op) {
        return requests.get(category).stream().filter(r -> r.op().equals(op)).toList();
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
            // Loads the JSON codec now: on a cold JVM that takes long enough to trip a test's short stall timeout.
            new JsonObject().put("warm", true).encode();
            return vertx.createHttpServer()
                    .requestHandler(req -> req.response().setStatusCode(404).end())
                    .webSocketHandshakeHandler(this::handshake)
                    .webSocketHandler(this::connected)
                    .listen(port, "127.0.0.1")
                    .onSuccess(server -> port = server.actualPort());
        }

        private void handshake(ServerWebSocketHandshake hs) {
            if (categoryOf(hs.path()) == null) {
                hs.reject(404);
            } else {
                hs.accept();
            }
        }

        private void connected(ServerWebSocket ws) {
            Category category = categoryOf(ws.path());
            Conn conn = new Conn(category, ws, accepted.get(category).incrementAndGet());
            open.get(category).add(conn);
            ws.closeHandler(v -> open.get(category).remove(conn));
            ws.textMessageHandler(text -> received(conn, text));
        }

        private Category categoryOf(String path) {
            for (Category c : Category.values()) {
                if (("/v5/public/" + c.wire()).equals(path)) {
                    return c;
                }
            }
            return null;
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
            List<String> args = new ArrayList<>();
            msg.getJsonArray("args", new JsonArray()).forEach(a -> args.add(String.valueOf(a)));
            requests.get(conn.category).add(new Request(conn.number, reqId, op, args, text));
            if (conn.stalled) {
                return;
            }
            switch (op) {
                case "ping" -> conn.ws.writeTextMessage(pong(conn, reqId).encode());
                case "subscribe", "unsubscribe" -> {
                    String ack = ack(conn, op, reqId, args, msg.getJsonArray("args", new JsonArray()).encode().length()).encode();
                    Runnable send = () -> {
                        if (!conn.ws.isClosed()) {
                            conn.ws.writeTextMessage(ack);
                        }
                    };
                    if (holding.contains(conn.category)) {
                        heldAcks.get(conn.category).add(send);
                    } else {
                        send.run();
                    }
                }
                default -> {
                    // The real server's answer to unknown ops is undocumented; tests don't need one.
                }
            }
        }

        private JsonObject pong(Conn conn, String reqId) {
            return switch (conn.category) {
                case SPOT -> new JsonObject().put("success", true).put("ret_msg", "pong").put("conn_id", conn.connId).put("op", "ping");
                case LINEAR -> new JsonObject().put("success", true).put("ret_msg", "pong").put("conn_id", conn.connId)
                        .put("req_id", reqId == null ? "" : reqId).put("op", "ping");
                case OPTION -> new JsonObject().put("args", new JsonArray().add(Long.toString(System.currentTimeMillis()))).put("op", "pong");
            };
        }

        /** Decides and applies one subscribe/unsubscribe request; returns the ack in the category's shape. */
        private JsonObject ack(Conn conn, String op, String reqId, List<String> args, int argsChars) {
            boolean subscribe = op.equals("subscribe");
            String limitError = conn.category == Category.SPOT && args.size() > SPOT_MAX_ARGS ? "args size >" + SPOT_MAX_ARGS
                    : argsChars > MAX_ARGS_CHARS ? "args length " + argsChars + " exceeds " + MAX_ARGS_CHARS : null;
            if (conn.category == Category.OPTION) {
                List<String> fail = new ArrayList<>();
                List<String> ok = new ArrayList<>();
                for (String t : args) {
                    (limitError != null || (subscribe && rejected.contains(t)) ? fail : ok).add(t);
                }
                if (subscribe) {
                    conn.topics.addAll(ok);
                } else {
                    ok.forEach(conn.topics::remove);
                }
                return new JsonObject().put("success", fail.isEmpty()).put("conn_id", conn.connId)
                        .put("data", new JsonObject().put("failTopics", new JsonArray(fail)).put("successTopics", new JsonArray(ok)))
                        .put("type", "COMMAND_RESP");
            }
            String error = limitError;
            for (int i = 0; error == null && subscribe && i < args.size(); i++) {
                String t = args.get(i);
                if (rejected.contains(t)) {
                    error = "error:handler not found,topic:" + t;
                } else if (conn.topics.contains(t)) {
                    error = "error:already subscribed,topic:" + t;
                }
            }
            if (error == null) {
                if (subscribe) {
                    conn.topics.addAll(args);
                } else {
                    args.forEach(conn.topics::remove);
                }
            }
            JsonObject ack = new JsonObject().put("success", error == null)
                    .put("ret_msg", error != null ? error : conn.category == Category.SPOT ? op : "")
                    .put("conn_id", conn.connId);
            if (conn.category == Category.LINEAR) {
                ack.put("req_id", reqId == null ? "" : reqId);
            } else if (reqId != null) {
                ack.put("req_id", reqId);
            }
            return ack.put("op", op);
        }
    }
}
