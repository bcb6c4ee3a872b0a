package dev.meridian.exchange.bybit.rest;

/**
 * Every attempt of a call failed with a retryable error (HTTP 429 or 5xx, retCode 10006 or 10016,
 * a timeout or a broken connection). The cause is the last attempt's failure.
 */
public final class BybitRetriesExhaustedException extends BybitRestException {
    private static final long serialVersionUID = 1L;

    private final int attempts;

    public BybitRetriesExhaustedException(String request, int attempts, Throwable last) {
        super(request, "gave up after " + attempts + " attempts; last failure: "
                + (last instanceof BybitRestException b ? b.detail() : String.valueOf(last)), last);
        this.attempts = attempts;
    }

    public int attempts() {
        return attempts;
    }
}
