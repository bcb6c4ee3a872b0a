package dev.meridian.bus;

import io.vertx.core.eventbus.EventBus;

/** Registers a {@link LocalRecordCodec} as the default codec of each message type. */
public final class RecordCodecs {
    private RecordCodecs() {
    }

    public static void registerAll(EventBus bus, Class<?>... types) {
        for (Class<?> type : types) {
            register(bus, type);
        }
    }

    private static <T> void register(EventBus bus, Class<T> type) {
        bus.registerDefaultCodec(type, new LocalRecordCodec<>(type));
    }
}
