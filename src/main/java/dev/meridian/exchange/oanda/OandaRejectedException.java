package dev.meridian.exchange.oanda;

/**
 * OANDA refused the request with 400 or 404 and said why: {@link #reason()} is the order reject
 * transaction's {@code rejectReason} when there is one (e.g. {@code INSUFFICIENT_MARGIN},
 * {@code CLIENT_ORDER_ID_ALREADY_EXISTS}), else the {@code errorMessage} (e.g. "Invalid value
 * specified for 'order.instrument'"). Resending the same request fails the same way.
 */
public final class OandaRejectedException extends OandaHttpException {
    private static final long serialVersionUID = 1L;

    private final String rejectReason;

    public OandaRejectedException(String request, int status, String errorCode, String errorMessage, String rejectReason,
                                  String snippet) {
        super(request, status, errorCode, errorMessage, snippet);
        this.rejectReason = rejectReason;
    }

    /** The order reject transaction's {@code rejectReason}, or empty when OANDA sent none. */
    public String rejectReason() { return rejectReason; }

    /** Why, as OANDA put it: the reject reason (with the message when both came), else the message, else the code. */
    public String reason() {
        if (!rejectReason.isEmpty()) {
            return errorMessage().isEmpty() || errorMessage().equals(rejectReason) ? rejectReason : rejectReason + ": " + errorMessage();
        }
        if (!errorMessage().isEmpty()) return errorMessage();
        return errorCode().isEmpty() ? "HTTP " + status() : errorCode();
    }
}
