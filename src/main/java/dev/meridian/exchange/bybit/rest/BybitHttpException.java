package dev.meridian.exchange.bybit.rest;

/** Bybit (or something in front of it) answered with an HTTP status other than 200. */
public final class BybitHttpException extends BybitRestException {
    private static final long serialVersionUID = 1L;

    private final int status;

    public BybitHttpException(String request, int status, String detail) {
        super(request, "HTTP " + status + (detail.isEmpty() ? "" : ": " + detail), null);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
