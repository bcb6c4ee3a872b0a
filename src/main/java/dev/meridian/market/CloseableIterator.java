package dev.meridian.market;

import java.util.Iterator;

/**
 * An iterator over a resource (a file, a stream) that must be released when the caller is done.
 * {@link #close()} is idempotent, never throws, and after it {@link #hasNext()} answers false.
 */
public interface CloseableIterator<T> extends Iterator<T>, AutoCloseable {
    @Override
    void close();
}
