package dev.meridian.exchange.bybit.ws;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import dev.meridian.core.Category;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The subscription book of one public stream: which topics the owner wants, which the exchange
 * confirmed on the current connection, which it refused, and which requests await an ack. Plain
 * Java, no I/O: every method returns the requests to write and the failures to report, and the
 * caller passes the time in, so every ordering of acks is unit-testable.
 *
 * <p><b>Limits</b> (Bybit V5 "connect" page): every request's {@code args} JSON array is at most
 * 21,000 characters; spot takes at most 10 args per request; an option connection carries at most
 * 2,000 topics. Requests are cut to fit; a topic that can never fit fails at once.
 *
 * <p><b>Matching acks</b>: spot and linear echo our {@code req_id}, so they match exactly, in any
 * order; an ack with an unknown {@code req_id} belongs to a request we have since forgotten and is
 * ignored. Option acks carry no {@code req_id} but list topics, so each listed topic resolves the
 * oldest pending request holding it. An ack with neither resolves the oldest pending request of its
 * {@code op} (a connection answers in order).
 *
 * <p><b>Retry policy</b> (never a hot loop):
 * <ul>
 * <li>Per-topic refusals (option {@code failTopics}) are final for the connection.</li>
 * <li>A multi-topic request refused as a whole (spot/linear {@code success:false}) says neither which
 *     topic was bad nor whether the rest were applied, so each of its topics is re-sent once on its
 *     own: one delisted symbol must not starve the others. A single-topic refusal is final for the
 *     connection, except "already subscribed", which means the server holds the subscription.</li>
 * <li>A request with no ack within the ack timeout fails its topics.</li>
 * <li>Failed topics are tried again once per new connection (so at the reconnect backoff's pace),
 *     or when the owner subscribes them again.</li>
 * </ul>
 * Not thread-safe: owned by one stream on its event loop.
 */
final class SubscriptionTracker {
    static final String SUBSCRIBE = "subscribe";
    static final String UNSUBSCRIBE = "unsubscribe";
    static final int MAX_ARGS_CHARS = 21_000;
    static final int SPOT_MAX_ARGS = 10;
    static final int OPTION_MAX_TOPICS = 2_000;

    private static final System.Logger LOG = System.getLogger(SubscriptionTracker.class.getName());

    /** One request to write, exactly as it goes on the wire ({@link #json()}). */
    record Request(String reqId, String op, List<String> topics) {
        Request {
            topics = List.copyOf(topics);
        }

        String json() {
            StringBuilder sb = new StringBuilder(48 + topics.size() * 24);
            sb.append("{\"req_id\":\"").append(reqId).append("\",\"op\":\"").append(op).append("\",\"args\":[");
            for (int i = 0; i < topics.size(); i++) {
                if (i > 0) {
                    sb.append(',');
                }
                sb.append('"').append(JsonStringEncoder.getInstance().quoteAsString(topics.get(i))).append('"');
            }
            return sb.append("]}").toString();
        }
    }

    /** Topics of one operation that the exchange refused or never acknowledged. */
    record Failure(String op, List<String> topics, String reason) {
        Failure {
            topics = List.copyOf(topics);
        }
    }

    /** What the caller must do after a call: write {@code toSend} in order, report {@code failures}. */
    record Outcome(List<Request> toSend, List<Failure> failures) {
        static final Outcome NONE = new Outcome(List.of(), List.of());

        Outcome {
            toSend = List.copyOf(toSend);
            failures = List.copyOf(failures);
        }
    }

    private static final class Pending {
        final Request request;
        final Set<String> unresolved;
        final long sentNanos;

        Pending(Request request, long sentNanos) {
            this.request = request;
            this.unresolved = new LinkedHashSet<>(request.topics());
            this.sentNanos = sentNanos;
        }

        String op() {
            return request.op();
        }
    }

    private final Category category;
    private final int maxArgsPerRequest;
    private final int maxTopicsPerConnection;
    private final Set<String> desired = new LinkedHashSet<>();
    private final Set<String> subscribed = new LinkedHashSet<>();
    private final Map<String, String> failed = new LinkedHashMap<>();
    /** Awaiting an ack, by req_id, in send order. */
    private final Map<String, Pending> pending = new LinkedHashMap<>();
    private boolean connected;
    private long reqSeq;

    SubscriptionTracker(Category category) {
        this.category = category;
        this.maxArgsPerRequest = category == Category.SPOT ? SPOT_MAX_ARGS : Integer.MAX_VALUE;
        this.maxTopicsPerConnection = category == Category.OPTION ? OPTION_MAX_TOPICS : Integer.MAX_VALUE;
    }

    /** Adds topics to the desired set; those neither confirmed nor awaiting an ack go out now if connected. */
    Outcome subscribe(Collection<String> topics, long nowNanos) {
        Set<String> toSend = new LinkedHashSet<>();
        for (String t : topics) {
            desired.add(t);
            if (connected && !subscribed.contains(t) && !awaitingSubscribe(t)) {
                failed.remove(t);
                toSend.add(t);
            }
        }
        return send(SUBSCRIBE, toSend, nowNanos);
    }

    /** Removes topics from the desired set; those the server may hold are unsubscribed now if connected. */
    Outcome unsubscribe(Collection<String> topics, long nowNanos) {
        Set<String> toSend = new LinkedHashSet<>();
        for (String t : topics) {
            if (!desired.remove(t)) {
                continue;
            }
            failed.remove(t);
            boolean held = subscribed.remove(t);
            // A subscribe still in flight will land first on the server, so it needs undoing too.
            held |= forgetAwaitingSubscribe(t);
            if (connected && held) {
                toSend.add(t);
            }
        }
        return send(UNSUBSCRIBE, toSend, nowNanos);
    }

    /** A new connection is up: nothing is held on it yet, so every desired topic is subscribed afresh. */
    Outcome onConnected(long nowNanos) {
        connected = true;
        subscribed.clear();
        pending.clear();
        failed.clear();
        return send(SUBSCRIBE, desired, nowNanos);
    }

    /** The connection is gone, and with it every subscription and outstanding request. */
    void onDisconnected() {
        connected = false;
        subscribed.clear();
        pending.clear();
    }

    /** Applies one ack (any category's shape). */
    Outcome onAck(ControlFrame ack, long nowNanos) {
        if (!ack.reqId().isEmpty()) {
            Pending p = pending.remove(ack.reqId());
            return p == null ? Outcome.NONE : resolveWhole(p, ack, nowNanos);
        }
        if (ack.topicLists()) {
            return resolveByTopics(ack);
        }
        Pending p = oldest(ack.op());
        if (p == null) {
            return Outcome.NONE;
        }
        pending.remove(p.request.reqId());
        return resolveWhole(p, ack, nowNanos);
    }

    /** Fails every request sent at least {@code timeoutNanos} ago and still unanswered. */
    Outcome expire(long nowNanos, long timeoutNanos) {
        List<Failure> failures = new ArrayList<>();
        Iterator<Pending> it = pending.values().iterator();
        while (it.hasNext()) {
            Pending p = it.next();
            if (nowNanos - p.sentNanos >= timeoutNanos) {
                it.remove();
                fail(p.op(), p.unresolved, "no ack within " + timeoutNanos / 1_000_000 + " ms", failures);
            }
        }
        return new Outcome(List.of(), failures);
    }

    Set<String> desired() {
        return Collections.unmodifiableSet(desired);
    }

    Set<String> subscribed() {
        return Collections.unmodifiableSet(subscribed);
    }

    Map<String, String> failed() {
        return Collections.unmodifiableMap(failed);
    }

    /** Number of requests awaiting an ack. */
    int pendingRequests() {
        return pending.size();
    }

    /**
     * Cuts topics into requests: at most {@code maxArgs} per request and an args JSON array of at
     * most {@code maxChars} characters. Every topic must fit on its own.
     */
    static List<List<String>> batches(Collection<String> topics, int maxArgs, int maxChars) {
        List<List<String>> out = new ArrayList<>();
        List<String> batch = new ArrayList<>();
        int chars = 2;
        for (String t : topics) {
            int len = quotedLength(t);
            int added = batch.isEmpty() ? len : len + 1;
            if (!batch.isEmpty() && (batch.size() >= maxArgs || chars + added > maxChars)) {
                out.add(batch);
                batch = new ArrayList<>();
                chars = 2;
                added = len;
            }
            batch.add(t);
            chars += added;
        }
        if (!batch.isEmpty()) {
            out.add(batch);
        }
        return out;
    }

    /** Length of the topic as a JSON string literal, quotes included. */
    static int quotedLength(String topic) {
        return JsonStringEncoder.getInstance().quoteAsString(topic).length + 2;
    }

    private Outcome send(String op, Collection<String> topics, long nowNanos) {
        if (topics.isEmpty()) {
            return Outcome.NONE;
        }
        List<Failure> failures = new ArrayList<>();
        List<String> fitting = new ArrayList<>();
        List<String> tooLong = new ArrayList<>();
        List<String> overCap = new ArrayList<>();
        long room = SUBSCRIBE.equals(op) ? (long) maxTopicsPerConnection - subscribed.size() - awaitingSubscribeCount()
                : Long.MAX_VALUE;
        for (String t : topics) {
            if (quotedLength(t) + 2 > MAX_ARGS_CHARS) {
                tooLong.add(t);
            } else if (room <= 0) {
                overCap.add(t);
            } else {
                room--;
                fitting.add(t);
            }
        }
        fail(op, tooLong, "topic longer than the " + MAX_ARGS_CHARS + "-character args limit", failures);
        fail(op, overCap, "over " + maxTopicsPerConnection + " topics on one " + category.wire() + " connection", failures);
        List<Request> requests = new ArrayList<>();
        for (List<String> batch : batches(fitting, maxArgsPerRequest, MAX_ARGS_CHARS)) {
            requests.add(register(op, batch, nowNanos));
        }
        return new Outcome(requests, failures);
    }

    private Request register(String op, List<String> topics, long nowNanos) {
        Request r = new Request(Long.toString(++reqSeq), op, topics);
        pending.put(r.reqId(), new Pending(r, nowNanos));
        return r;
    }

    private Outcome resolveWhole(Pending p, ControlFrame ack, long nowNanos) {
        List<String> topics = new ArrayList<>(p.unresolved);
        List<Failure> failures = new ArrayList<>();
        if (ack.topicLists()) {
            List<String> refused = new ArrayList<>();
            for (String t : topics) {
                if (ack.failTopics().contains(t) || !(ack.success() || ack.successTopics().contains(t))) {
                    refused.add(t);
                } else {
                    accept(p.op(), t);
                }
            }
            fail(p.op(), refused, reason(ack), failures);
            return new Outcome(List.of(), failures);
        }
        if (ack.success()) {
            topics.forEach(t -> accept(p.op(), t));
            return Outcome.NONE;
        }
        if (SUBSCRIBE.equals(p.op()) && topics.size() > 1) {
            LOG.log(System.Logger.Level.WARNING, "{0} stream: subscribe request {1} of {2} topics refused ({3}); "
                    + "re-sending each topic on its own", category.wire(), p.request.reqId(), topics.size(), reason(ack));
            List<Request> singles = new ArrayList<>();
            for (String t : topics) {
                if (desired.contains(t)) {
                    singles.add(register(SUBSCRIBE, List.of(t), nowNanos));
                }
            }
            return new Outcome(singles, List.of());
        }
        if (SUBSCRIBE.equals(p.op()) && ack.retMsg().contains("already subscribed")) {
            topics.forEach(t -> accept(SUBSCRIBE, t));
            return Outcome.NONE;
        }
        fail(p.op(), topics, reason(ack), failures);
        return new Outcome(List.of(), failures);
    }

    private Outcome resolveByTopics(ControlFrame ack) {
        for (String t : ack.successTopics()) {
            Pending p = resolveOldestHolding(t);
            if (p != null) {
                accept(p.op(), t);
            }
        }
        Map<String, List<String>> refusedByOp = new LinkedHashMap<>();
        for (String t : ack.failTopics()) {
            Pending p = resolveOldestHolding(t);
            if (p != null) {
                refusedByOp.computeIfAbsent(p.op(), k -> new ArrayList<>()).add(t);
            }
        }
        List<Failure> failures = new ArrayList<>();
        refusedByOp.forEach((op, topics) -> fail(op, topics, reason(ack), failures));
        return new Outcome(List.of(), failures);
    }

    /** Marks the topic answered in the oldest request awaiting it; returns that request, or null. */
    private Pending resolveOldestHolding(String topic) {
        for (Iterator<Pending> it = pending.values().iterator(); it.hasNext(); ) {
            Pending p = it.next();
            if (p.unresolved.remove(topic)) {
                if (p.unresolved.isEmpty()) {
                    it.remove();
                }
                return p;
            }
        }
        return null;
    }

    private void accept(String op, String topic) {
        if (SUBSCRIBE.equals(op) && desired.contains(topic)) {
            subscribed.add(topic);
            failed.remove(topic);
        }
    }

    /** Records refused topics (subscribe: only those still desired) and adds one failure to report. */
    private void fail(String op, Collection<String> topics, String reason, List<Failure> failures) {
        List<String> report = new ArrayList<>();
        for (String t : topics) {
            if (!SUBSCRIBE.equals(op)) {
                report.add(t);
            } else if (desired.contains(t)) {
                failed.put(t, reason);
                report.add(t);
            }
        }
        if (!report.isEmpty()) {
            failures.add(new Failure(op, report, reason));
        }
    }

    private static String reason(ControlFrame ack) {
        if (!ack.retMsg().isEmpty()) {
            return ack.retMsg();
        }
        return ack.topicLists() ? "refused by the exchange (failTopics)" : "refused by the exchange (success=false)";
    }

    private Pending oldest(String op) {
        for (Pending p : pending.values()) {
            if (op.isEmpty() || op.equals(p.op())) {
                return p;
            }
        }
        return null;
    }

    private boolean awaitingSubscribe(String topic) {
        for (Pending p : pending.values()) {
            if (SUBSCRIBE.equals(p.op()) && p.unresolved.contains(topic)) {
                return true;
            }
        }
        return false;
    }

    private int awaitingSubscribeCount() {
        int n = 0;
        for (Pending p : pending.values()) {
            if (SUBSCRIBE.equals(p.op())) {
                n += p.unresolved.size();
            }
        }
        return n;
    }

    private boolean forgetAwaitingSubscribe(String topic) {
        boolean found = false;
        for (Iterator<Pending> it = pending.values().iterator(); it.hasNext(); ) {
            Pending p = it.next();
            if (SUBSCRIBE.equals(p.op()) && p.unresolved.remove(topic)) {
                found = true;
                if (p.unresolved.isEmpty()) {
                    it.remove();
                }
            }
        }
        return found;
    }
}
