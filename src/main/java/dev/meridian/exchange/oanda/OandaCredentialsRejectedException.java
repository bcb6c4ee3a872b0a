package dev.meridian.exchange.oanda;

/**
 * OANDA answered 401: the token is wrong, revoked or not allowed on this account. Nothing sent with
 * the same token can succeed, so the client sends nothing more after it (see {@link OandaRest}).
 */
public final class OandaCredentialsRejectedException extends OandaHttpException {
    private static final long serialVersionUID = 1L;

    public OandaCredentialsRejectedException(String request, String errorMessage) {
        super(request, 401, "", errorMessage, "");
    }
}
