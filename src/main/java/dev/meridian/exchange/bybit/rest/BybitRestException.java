package dev.meridian.exchange.bybit.rest;

/**
 * A Bybit REST call failed. Subclasses say how: {@link BybitApiException} (the exchange answered
 * with a non-zero {@code retCode}), {@link BybitHttpException} (a non-200 HTTP status),
 * {@link BybitResponseException} (the body is not what the documented shape promises) and
 * {@link BybitRetriesExhaustedException} (every attempt failed with a retryable error). A plain
 * instance is a transport failure (connection refused, timeout), with the cause attached. Every
 * message starts with the request, e.g. {@code GET /v5/market/tickers?category=spot}.
 */
public class BybitRestException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String request;
    private final String detail;

    public BybitRestException(String request, String detail, Throwable cause) {
        super(request + ": " + detail, cause);
        this.request = request;
        this.detail = detail;
    }

    /** The method, path and query of the failed call, e.g. {@code GET /v5/market/kline?category=spot&...}. */
    public String request() {
        return request;
    }

    /** The message without the request prefix. */
    public String detail() {
        return detail;
    }
}
