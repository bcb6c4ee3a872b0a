package dev.meridian.exchange.bybit.ws;

import io.vertx.core.Future;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.fail;

/** Records what a stream hands its owner (frames, events, the threads they arrive on) for assertions. */
final class Probe {
    final List<String> frames = new CopyOnWriteArrayList<>();
    final List<StreamEvent> events = new CopyOnWriteArrayList<>();
    final Set<String> threads = ConcurrentHashMap.newKeySet();

    final Consumer<String> onFrame = f -> {
        threads.add(Thread.currentThread().getName());
        frames.add(f);
    };

    final Consumer<StreamEvent> onEvent = e -> {
        threads.add(Thread.currentThread().getName());
        events.add(e);
    };

    <E extends StreamEvent> List<E> events(Class<E> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** Polls until the condition holds, failing with the message after the timeout. */
    static void await(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("timed out after " + timeout.toMillis() + " ms waiting for: " + what);
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted waiting for: " + what);
            }
        }
    }

    static void await(String what, BooleanSupplier condition) {
        await(what, Duration.ofSeconds(3), condition);
    }

    static <T> T join(Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("future did not succeed: " + e, e);
        }
    }

    static Duration ms(long ms) {
        return Duration.ofMillis(ms);
    }
}
