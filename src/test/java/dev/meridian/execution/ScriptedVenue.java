package dev.meridian.execution;

import dev.meridian.exchange.LiveVenue;
import dev.meridian.core.AssetClass;
import dev.meridian.exchange.OrderRequest;
import dev.meridian.exchange.OrderStatus;
import io.vertx.core.Future;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * An in-memory live venue for router tests: it keeps the orders it accepted by orderLinkId (a
 * second place of the same id is "already placed", as a real venue's duplicate answer), lets the
 * test push order updates and executions as the private stream would, and counts placements.
 */
final class ScriptedVenue implements LiveVenue {
    final Map<String, VenueOrder> orders = new HashMap<>();
    final Map<String, List<LiveExecution>> executions = new HashMap<>();
    final List<OrderRequest> placed = new ArrayList<>();
    Function<OrderRequest, PlaceOutcome> onPlace = r -> new PlaceOutcome(Placed.PLACED, "");
    boolean ready = true;
    private Consumer<Event> handler = e -> {};
    /** The router's context: pushes are delivered there, as a real venue's stream callbacks are. */
    private io.vertx.core.Context context;

    @Override public String name() { return "scripted"; }
    /** The asset classes it trades (spot unless a test says otherwise). */
    java.util.Set<AssetClass> classes = java.util.Set.of(AssetClass.SPOT);

    @Override public boolean trades(AssetClass c) { return classes.contains(c); }
    @Override public boolean ready() { return ready; }
    @Override public String status() { return ready ? "ready" : "keys rejected (10003)"; }

    @Override
    public Future<PlaceOutcome> place(OrderRequest r) {
        placed.add(r);
        if (orders.containsKey(r.orderLinkId())) return Future.succeededFuture(new PlaceOutcome(Placed.ALREADY_PLACED, ""));
        PlaceOutcome out = onPlace.apply(r);
        if (out.atVenue()) orders.put(r.orderLinkId(), new VenueOrder(r.orderLinkId(), OrderStatus.NEW, BigDecimal.ZERO, ""));
        return Future.succeededFuture(out);
    }

    @Override
    public Future<Optional<VenueOrder>> lookup(OrderRequest r) {
        return Future.succeededFuture(Optional.ofNullable(orders.get(r.orderLinkId())));
    }

    @Override
    public Future<List<LiveExecution>> executions(OrderRequest r) {
        return Future.succeededFuture(List.copyOf(executions.getOrDefault(r.orderLinkId(), List.of())));
    }

    @Override
    public Future<List<VenueOrder>> openOrders() {
        return Future.succeededFuture(orders.values().stream().filter(o -> !o.status().isFinal()).toList());
    }

    @Override public void onEvent(Consumer<Event> h) { this.handler = h; }
    @Override public Future<Void> start() {
        context = io.vertx.core.Vertx.currentContext();
        return Future.succeededFuture();
    }
    @Override public Future<Void> stop() { return Future.succeededFuture(); }

    /** The venue executes (part of) an order; {@code push} = the stream delivers it, else only a lookup finds it. */
    void execute(String linkId, String execId, String qty, String price, String feeBase, String feeQuote, boolean push) {
        LiveExecution e = new LiveExecution(linkId, execId, new BigDecimal(qty), new BigDecimal(price), new BigDecimal(feeBase),
                new BigDecimal(feeQuote), 2_000);
        executions.computeIfAbsent(linkId, k -> new ArrayList<>()).add(e);
        if (push) deliver(new Executed(e));
    }

    void status(String linkId, OrderStatus s, String cumQty, boolean push) {
        VenueOrder v = new VenueOrder(linkId, s, new BigDecimal(cumQty), s == OrderStatus.CANCELLED ? "CancelByUser" : "");
        orders.put(linkId, v);
        if (push) deliver(new OrderUpdate(v));
    }

    void pushAgain(LiveExecution e) { deliver(new Executed(e)); }

    /** Anything the private stream would push (funding, position frames). */
    void push(Event e) { deliver(e); }

    private void deliver(Event e) { context.runOnContext(v -> handler.accept(e)); }
}
