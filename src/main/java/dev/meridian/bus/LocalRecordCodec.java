package dev.meridian.bus;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageCodec;

/**
 * Pass-through codec for immutable records sent on the local event bus: the receiver gets the very
 * instance the sender sent (records are immutable, so sharing is safe). It refuses the wire: records
 * that must leave the JVM are converted to JSON explicitly.
 */
public final class LocalRecordCodec<T> implements MessageCodec<T, T> {
    private final Class<T> type;

    public LocalRecordCodec(Class<T> type) { this.type = type; }

    @Override public void encodeToWire(Buffer buffer, T t) {
        throw new UnsupportedOperationException(type.getSimpleName() + " is local-only; convert it to JSON to send it remotely");
    }

    @Override public T decodeFromWire(int pos, Buffer buffer) {
        throw new UnsupportedOperationException(type.getSimpleName() + " is local-only");
    }

    @Override public T transform(T t) { return t; }

    @Override public String name() { return "local:" + type.getName(); }

    @Override public byte systemCodecID() { return -1; }
}
