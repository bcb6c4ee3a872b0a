package dev.meridian.exchange.oanda;

/**
 * An OANDA REST call failed. Subclasses say how: {@link OandaHttpException} (an HTTP status we do
 * not treat as success), with {@link OandaRejectedException} (400/404: OANDA refused the request
 * and said why) and {@link OandaCredentialsRejectedException} (401: the token); and
 * {@link OandaRetriesExhaustedException} (every attempt failed with a retryable error). A plain
 * instance is a transport failure (connection refused or reset, timeout) or a body that is not the
 * documented shape. Every message starts with the request, e.g. {@code GET /v3/accounts/X/summary};
 * never with the token.
 */
public class OandaRestException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String request;
    private final String detail;

    public OandaRestException(String request, String detail, Throwable cause) {
        super(request + ": " + detail, cause);
        this.request = request;
        this.detail = detail;
    }

    /** Method and path of the failed call. */
    public String request() { return request; }

    /** The message without the request prefix. */
    public String detail() { return detail; }
}
