package dev.meridian.exchange.bybit.ws;

import dev.meridian.core.Category;
import dev.meridian.exchange.bybit.ws.SubscriptionTracker.Failure;
import dev.meridian.exchange.bybit.ws.SubscriptionTracker.Outcome;
import dev.meridian.exchange.bybit.ws.SubscriptionTracker.Request;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static dev.meridian.exchange.bybit.ws.SubscriptionTracker.MAX_ARGS_CHARS;
import static org.assertj.core.api.Assertions.assertThat;

class SubscriptionTrackerTest {
    private static final long T0 = 1_000_000_000L;

    private static List<String> topics(String prefix, int n) {
        return IntStream.range(0, n).mapToObj(i -> prefix + i).toList();
    }

    private static SubscriptionTracker connected(Category category) {
        SubscriptionTracker t = new SubscriptionTracker(category);
        assertThat(t.onConnected(T0).toSend()).isEmpty();
        return t;
    }

    private static String argsJson(Request r) {
        String json = r.json();
        return json.substring(json.indexOf("\"args\":") + 7, json.length() - 1);
    }

    private static ControlFrame ack(String reqId, String op, boolean success, String retMsg) {
        return new ControlFrame(ControlFrame.Kind.ACK, op, reqId, success, retMsg, false, List.of(), List.of());
    }

    private static ControlFrame optionAck(List<String> ok, List<String> fail) {
        return new ControlFrame(ControlFrame.Kind.ACK, "", "", fail.isEmpty(), "", true, ok, fail);
    }

    // ---- batching ----

    @Test
    void spotSendsAtMostTenArgsPerRequest() {
        SubscriptionTracker t = connected(Category.SPOT);
        Outcome o = t.subscribe(topics("publicTrade.S", 23), T0);
        assertThat(o.toSend()).extracting(r -> r.topics().size()).containsExactly(10, 10, 3);
        assertThat(o.toSend()).extracting(Request::reqId).doesNotHaveDuplicates();
        assertThat(o.toSend().stream().flatMap(r -> r.topics().stream())).containsExactlyElementsOf(topics("publicTrade.S", 23));
        assertThat(o.failures()).isEmpty();
    }

    @Test
    void linearHasNoArgCountLimit() {
        assertThat(connected(Category.LINEAR).subscribe(topics("tickers.L", 300), T0).toSend()).hasSize(1);
    }

    @Test
    void requestsAreCutAtTheArgsCharacterLimit() {
        SubscriptionTracker t = connected(Category.LINEAR);
        List<String> many = topics("kline.1." + "X".repeat(80), 1_000);
        List<Request> sent = t.subscribe(many, T0).toSend();
        assertThat(sent).hasSizeGreaterThan(1);
        assertThat(sent).allSatisfy(r -> assertThat(argsJson(r).length()).isLessThanOrEqualTo(MAX_ARGS_CHARS));
        assertThat(sent.stream().flatMap(r -> r.topics().stream())).containsExactlyElementsOf(many);
    }

    @Test
    void argsOfExactlyTheLimitFitOneRequestAndOneMoreCharacterDoesNot() {
        // 207 topics whose JSON literal is 100 chars, plus one of 91: 2 + 207·100 + 91 + 207 commas = 21,000.
        List<String> exact = new ArrayList<>(IntStream.range(0, 207).mapToObj(i -> "t".repeat(95) + String.format("%03d", i)).toList());
        exact.add("u".repeat(89));
        assertThat(SubscriptionTracker.batches(exact, Integer.MAX_VALUE, MAX_ARGS_CHARS)).hasSize(1);
        Request one = new Request("1", "subscribe", exact);
        assertThat(argsJson(one).length()).isEqualTo(MAX_ARGS_CHARS);

        List<String> over = new ArrayList<>(exact.subList(0, 207));
        over.add("u".repeat(90));
        assertThat(SubscriptionTracker.batches(over, Integer.MAX_VALUE, MAX_ARGS_CHARS)).extracting(List::size).containsExactly(207, 1);
    }

    @Test
    void aTopicThatCanNeverFitFailsAtOnce() {
        SubscriptionTracker t = connected(Category.LINEAR);
        String huge = "x".repeat(MAX_ARGS_CHARS);
        Outcome o = t.subscribe(List.of("tickers.A", huge), T0);
        assertThat(o.toSend()).singleElement().satisfies(r -> assertThat(r.topics()).containsExactly("tickers.A"));
        assertThat(o.failures()).singleElement().satisfies(f -> assertThat(f.topics()).containsExactly(huge));
        assertThat(t.failed()).containsOnlyKeys(huge);
    }

    @Test
    void optionConnectionsStopAtTwoThousandTopics() {
        SubscriptionTracker t = connected(Category.OPTION);
        Outcome o = t.subscribe(topics("tickers.O", 2_001), T0);
        assertThat(o.toSend().stream().mapToInt(r -> r.topics().size()).sum()).isEqualTo(2_000);
        assertThat(o.failures()).singleElement().satisfies(f -> {
            assertThat(f.topics()).containsExactly("tickers.O2000");
            assertThat(f.reason()).contains("2000");
        });
    }

    @Test
    void requestJsonIsWhatBybitExpects() {
        assertThat(new Request("5", "subscribe", List.of("orderbook.1.BTCUSDT", "a\"b")).json())
                .isEqualTo("{\"req_id\":\"5\",\"op\":\"subscribe\",\"args\":[\"orderbook.1.BTCUSDT\",\"a\\\"b\"]}");
    }

    // ---- desired set ----

    @Test
    void subscribeIsIdempotentAndRemembersTopicsWhileDisconnected() {
        SubscriptionTracker t = new SubscriptionTracker(Category.LINEAR);
        assertThat(t.subscribe(List.of("a", "b"), T0).toSend()).isEmpty();
        List<Request> first = t.onConnected(T0).toSend();
        assertThat(first).singleElement().satisfies(r -> assertThat(r.topics()).containsExactly("a", "b"));
        assertThat(t.subscribe(List.of("a", "b"), T0).toSend()).as("already awaiting an ack").isEmpty();
        t.onAck(ack(first.get(0).reqId(), "subscribe", true, ""), T0);
        assertThat(t.subscribe(List.of("b", "c", "c"), T0).toSend()).singleElement()
                .satisfies(r -> assertThat(r.topics()).containsExactly("c"));
        assertThat(t.subscribed()).containsExactly("a", "b");
        assertThat(t.desired()).containsExactly("a", "b", "c");
    }

    @Test
    void reconnectResubscribesEverythingIncludingFailedTopics() {
        SubscriptionTracker t = connected(Category.LINEAR);
        Request r = t.subscribe(List.of("bad"), T0).toSend().get(0);
        t.subscribe(List.of("good"), T0);
        t.onAck(ack(r.reqId(), "subscribe", false, "error:handler not found,topic:bad"), T0);
        assertThat(t.failed()).containsKey("bad");
        t.onDisconnected();
        assertThat(t.subscribed()).isEmpty();
        assertThat(t.onConnected(T0).toSend()).singleElement().satisfies(q -> assertThat(q.topics()).containsExactly("bad", "good"));
        assertThat(t.failed()).isEmpty();
    }

    // ---- matching acks ----

    @Test
    void acksMatchByReqIdInAnyOrder() {
        SubscriptionTracker t = connected(Category.LINEAR);
        Request r1 = t.subscribe(List.of("a"), T0).toSend().get(0);
        Request r2 = t.subscribe(List.of("b"), T0).toSend().get(0);
        Request r3 = t.subscribe(List.of("c"), T0).toSend().get(0);
        t.onAck(ack(r3.reqId(), "subscribe", true, ""), T0);
        t.onAck(ack(r1.reqId(), "subscribe", false, "error:handler not found,topic:a"), T0);
        assertThat(t.subscribed()).containsExactly("c");
        t.onAck(ack(r2.reqId(), "subscribe", true, ""), T0);
        assertThat(t.subscribed()).containsExactlyInAnyOrder("b", "c");
        assertThat(t.failed()).containsEntry("a", "error:handler not found,topic:a");
        assertThat(t.pendingRequests()).isZero();
    }

    @Test
    void ackWithUnknownReqIdIsIgnored() {
        SubscriptionTracker t = connected(Category.SPOT);
        t.subscribe(List.of("a"), T0);
        assertThat(t.onAck(ack("999", "subscribe", false, "nope"), T0)).isEqualTo(Outcome.NONE);
        assertThat(t.failed()).isEmpty();
        assertThat(t.pendingRequests()).isOne();
    }

    @Test
    void ackWithoutReqIdResolvesTheOldestRequestOfItsOp() {
        SubscriptionTracker t = connected(Category.SPOT);
        t.subscribe(List.of("a"), T0);
        t.subscribe(List.of("b"), T0);
        t.onAck(ack("", "subscribe", true, "subscribe"), T0);
        assertThat(t.subscribed()).containsExactly("a");
    }

    @Test
    void optionAcksMatchByTopicsInAnyOrder() {
        SubscriptionTracker t = connected(Category.OPTION);
        t.subscribe(List.of("tickers.A", "tickers.B"), T0);
        t.subscribe(List.of("tickers.C"), T0);
        Outcome second = t.onAck(optionAck(List.of("tickers.C"), List.of()), T0);
        assertThat(second.failures()).isEmpty();
        assertThat(t.subscribed()).containsExactly("tickers.C");
        Outcome first = t.onAck(optionAck(List.of("tickers.A"), List.of("tickers.B")), T0);
        assertThat(first.failures()).containsExactly(new Failure("subscribe", List.of("tickers.B"), "refused by the exchange (failTopics)"));
        assertThat(t.subscribed()).containsExactlyInAnyOrder("tickers.A", "tickers.C");
        assertThat(t.failed()).containsOnlyKeys("tickers.B");
        assertThat(t.pendingRequests()).isZero();
    }

    @Test
    void optionUnsubscribeAckIsMatchedToTheUnsubscribe() {
        SubscriptionTracker t = connected(Category.OPTION);
        t.subscribe(List.of("tickers.A"), T0);
        t.onAck(optionAck(List.of("tickers.A"), List.of()), T0);
        assertThat(t.unsubscribe(List.of("tickers.A"), T0).toSend()).singleElement().satisfies(r -> assertThat(r.op()).isEqualTo("unsubscribe"));
        t.subscribe(List.of("tickers.A"), T0);
        t.onAck(optionAck(List.of("tickers.A"), List.of()), T0);
        assertThat(t.subscribed()).as("the first ack answers the unsubscribe").isEmpty();
        t.onAck(optionAck(List.of("tickers.A"), List.of()), T0);
        assertThat(t.subscribed()).containsExactly("tickers.A");
    }

    // ---- failure policy ----

    @Test
    void refusedBatchIsRetriedTopicByTopicAndOnlyTheBadOneFails() {
        SubscriptionTracker t = connected(Category.SPOT);
        Request batch = t.subscribe(List.of("a", "bad", "c"), T0).toSend().get(0);
        Outcome split = t.onAck(ack(batch.reqId(), "subscribe", false, "error:handler not found,topic:bad"), T0);
        assertThat(split.failures()).as("not final yet").isEmpty();
        assertThat(split.toSend()).extracting(Request::topics).containsExactly(List.of("a"), List.of("bad"), List.of("c"));
        Outcome last = null;
        for (Request single : split.toSend()) {
            boolean ok = !single.topics().contains("bad");
            last = t.onAck(ack(single.reqId(), "subscribe", ok, ok ? "subscribe" : "error:handler not found,topic:bad"), T0);
            if (!ok) {
                assertThat(last.failures()).containsExactly(new Failure("subscribe", List.of("bad"), "error:handler not found,topic:bad"));
                assertThat(last.toSend()).as("a single-topic refusal is final for the connection").isEmpty();
            }
        }
        assertThat(t.subscribed()).containsExactlyInAnyOrder("a", "c");
        assertThat(t.failed()).containsOnlyKeys("bad");
    }

    @Test
    void alreadySubscribedMeansTheServerHoldsIt() {
        SubscriptionTracker t = connected(Category.LINEAR);
        Request r = t.subscribe(List.of("a"), T0).toSend().get(0);
        Outcome o = t.onAck(ack(r.reqId(), "subscribe", false, "error:already subscribed,topic:a"), T0);
        assertThat(o.failures()).isEmpty();
        assertThat(t.subscribed()).containsExactly("a");
    }

    @Test
    void resubscribingAFailedTopicRetriesIt() {
        SubscriptionTracker t = connected(Category.LINEAR);
        Request r = t.subscribe(List.of("a"), T0).toSend().get(0);
        t.onAck(ack(r.reqId(), "subscribe", false, "boom"), T0);
        assertThat(t.subscribe(List.of("a"), T0).toSend()).hasSize(1);
        assertThat(t.failed()).isEmpty();
    }

    @Test
    void unansweredRequestsFailAfterTheAckTimeout() {
        SubscriptionTracker t = connected(Category.LINEAR);
        t.subscribe(List.of("a"), T0);
        t.subscribe(List.of("b"), T0 + 5_000_000_000L);
        Outcome o = t.expire(T0 + 10_000_000_000L, 10_000_000_000L);
        assertThat(o.failures()).containsExactly(new Failure("subscribe", List.of("a"), "no ack within 10000 ms"));
        assertThat(t.failed()).containsOnlyKeys("a");
        assertThat(t.pendingRequests()).isOne();
    }

    // ---- unsubscribe ----

    @Test
    void unsubscribeSendsOnlyWhatTheServerMayHold() {
        SubscriptionTracker t = connected(Category.LINEAR);
        Request r = t.subscribe(List.of("a", "b"), T0).toSend().get(0);
        t.onAck(ack(r.reqId(), "subscribe", true, ""), T0);
        Outcome o = t.unsubscribe(List.of("a", "never"), T0);
        assertThat(o.toSend()).singleElement().satisfies(u -> {
            assertThat(u.op()).isEqualTo("unsubscribe");
            assertThat(u.topics()).containsExactly("a");
        });
        assertThat(t.desired()).containsExactly("b");
        assertThat(t.subscribed()).containsExactly("b");
        assertThat(t.unsubscribe(List.of("a"), T0).toSend()).as("idempotent").isEmpty();
    }

    @Test
    void unsubscribingATopicInFlightUndoesItAndALateAckDoesNotResurrectIt() {
        SubscriptionTracker t = connected(Category.LINEAR);
        Request sub = t.subscribe(List.of("a", "b"), T0).toSend().get(0);
        assertThat(t.unsubscribe(List.of("a"), T0).toSend()).singleElement().satisfies(u -> assertThat(u.topics()).containsExactly("a"));
        Request again = t.subscribe(List.of("a"), T0).toSend().get(0);
        assertThat(again.topics()).as("the server will see sub, unsub, sub").containsExactly("a");
        t.onAck(ack(sub.reqId(), "subscribe", true, ""), T0);
        assertThat(t.subscribed()).containsExactly("b");
        t.onAck(ack(again.reqId(), "subscribe", true, ""), T0);
        assertThat(t.subscribed()).containsExactlyInAnyOrder("a", "b");
    }

    @Test
    void refusedUnsubscribeIsReportedButNotRecordedAsFailedTopic() {
        SubscriptionTracker t = connected(Category.LINEAR);
        Request r = t.subscribe(List.of("a"), T0).toSend().get(0);
        t.onAck(ack(r.reqId(), "subscribe", true, ""), T0);
        Request u = t.unsubscribe(List.of("a"), T0).toSend().get(0);
        Outcome o = t.onAck(ack(u.reqId(), "unsubscribe", false, "nope"), T0);
        assertThat(o.failures()).containsExactly(new Failure("unsubscribe", List.of("a"), "nope"));
        assertThat(t.failed()).isEmpty();
    }
}
