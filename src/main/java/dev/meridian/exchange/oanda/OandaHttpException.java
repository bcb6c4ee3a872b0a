package dev.meridian.exchange.oanda;

/**
 * OANDA (or something in front of it) answered with an HTTP status the call does not accept.
 * {@code errorCode} and {@code errorMessage} are OANDA's fields when the body carried them, else empty.
 */
public class OandaHttpException extends OandaRestException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String errorCode;
    private final String errorMessage;

    public OandaHttpException(String request, int status, String errorCode, String errorMessage, String snippet) {
        super(request, "HTTP " + status + describe(errorCode, errorMessage, snippet), null);
        this.status = status;
        this.errorCode = errorCode;
        this.errorMessage = errorMessage;
    }

    public int status() { return status; }

    /** OANDA's {@code errorCode}, or empty. */
    public String errorCode() { return errorCode; }

    /** OANDA's {@code errorMessage}, or empty. */
    public String errorMessage() { return errorMessage; }

    private static String describe(String code, String message, String snippet) {
        if (!message.isEmpty()) return ": " + (code.isEmpty() ? "" : code + " ") + message;
        if (!code.isEmpty()) return ": " + code;
        return snippet.isEmpty() ? "" : ": " + snippet;
    }
}
