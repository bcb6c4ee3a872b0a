package dev.meridian.exchange.bybit.rest;

/**
 * The trading client refused to send a request because it is disabled (broken authentication) or
 * locked out (HTTP 403). {@link #status()} is the client's status at that moment. Reads fail with
 * this; {@link BybitTradingClient#place} answers {@link PlaceResult.Disabled} or
 * {@link PlaceResult.LockedOut} instead.
 */
public final class BybitTradingUnavailableException extends BybitRestException {
    private static final long serialVersionUID = 1L;

    private final transient BybitTradingClient.Status status;

    public BybitTradingUnavailableException(String request, BybitTradingClient.Status status) {
        super(request, status.toString(), null);
        this.status = status;
    }

    public BybitTradingClient.Status status() {
        return status;
    }
}
