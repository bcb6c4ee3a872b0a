package dev.meridian.exchange.bybit.ws;

import dev.meridian.exchange.bybit.parse.PrivateEvent;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** Records what a private stream hands its owner, for assertions. */
final class PrivateProbe {
    final List<PrivateEvent> data = new CopyOnWriteArrayList<>();
    final List<PrivateStreamEvent> events = new CopyOnWriteArrayList<>();

    final Consumer<PrivateEvent> onData = data::add;
    final Consumer<PrivateStreamEvent> onEvent = events::add;

    <E extends PrivateStreamEvent> List<E> events(Class<E> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }
}
