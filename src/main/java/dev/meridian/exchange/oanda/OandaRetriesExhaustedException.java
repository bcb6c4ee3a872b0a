package dev.meridian.exchange.oanda;

/**
 * Every attempt of a call failed with a retryable error (HTTP 429 or 5xx, a timeout, a broken
 * connection). The cause is the last attempt's failure.
 */
public final class OandaRetriesExhaustedException extends OandaRestException {
    private static final long serialVersionUID = 1L;

    private final int attempts;

    public OandaRetriesExhaustedException(String request, int attempts, OandaRestException last) {
        super(request, "gave up after " + attempts + " attempts; last failure: " + last.detail(), last);
        this.attempts = attempts;
    }

    public int attempts() { return attempts; }
}
