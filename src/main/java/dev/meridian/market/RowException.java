package dev.meridian.market;

/**
 * A row that cannot become an event. It is reported and skipped, never thrown out of a reader, so
 * it carries no stack trace: a file full of bad rows should cost little to skip.
 */
final class RowException extends Exception {
    RowException(String reason) {
        super(reason, null, false, false);
    }
}
