package dev.meridian.exchange.bybit.rest;

/**
 * Bybit answered with a non-zero {@code retCode} (usually inside an HTTP 200), e.g. {@code 10001}
 * "params error" for an unknown symbol. The code and message are Bybit's, unchanged.
 */
public final class BybitApiException extends BybitRestException {
    private static final long serialVersionUID = 1L;

    private final int retCode;
    private final String retMsg;

    public BybitApiException(String request, int retCode, String retMsg) {
        super(request, "Bybit retCode " + retCode + " \"" + retMsg + "\"", null);
        this.retCode = retCode;
        this.retMsg = retMsg;
    }

    public int retCode() {
        return retCode;
    }

    public String retMsg() {
        return retMsg;
    }
}
