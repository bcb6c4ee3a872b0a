package dev.meridian.exchange.bybit.rest;

/**
 * A response body that does not have the documented shape: not JSON, a required field missing, or
 * a value that does not parse. {@link #field()} is the JSON path of the offending value, e.g.
 * {@code result.list[3].lotSizeFilter.qtyStep}, or {@code body} when the body as a whole is bad.
 */
public final class BybitResponseException extends BybitRestException {
    private static final long serialVersionUID = 1L;

    private final String field;

    public BybitResponseException(String request, String field, String problem) {
        super(request, "malformed response: " + field + " " + problem, null);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
