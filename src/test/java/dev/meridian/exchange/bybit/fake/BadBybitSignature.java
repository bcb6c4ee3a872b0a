package dev.meridian.exchange.bybit.fake;

import com.github.tomakehurst.wiremock.extension.Parameters;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.RequestMethod;
import com.github.tomakehurst.wiremock.matching.MatchResult;
import com.github.tomakehurst.wiremock.matching.RequestMatcherExtension;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * A WireMock matcher for the private requests Bybit would refuse with 10004: it recomputes the
 * HMAC-SHA256 of timestamp + key + recvWindow + the raw query (GET) or raw body (POST) with the
 * test secret, independently of our signer, and matches when the header differs or is missing.
 * Public market endpoints are never matched.
 */
public final class BadBybitSignature extends RequestMatcherExtension {
    private final String key;
    private final String secret;

    public BadBybitSignature(String key, String secret) {
        this.key = key;
        this.secret = secret;
    }

    /** Bybit's answer to a bad signature. */
    public static final String ANSWER = "{\"retCode\":10004,\"retMsg\":\"error sign!\",\"result\":{},\"time\":0}";

    @Override
    public MatchResult match(Request r, Parameters parameters) {
        if (r.getUrl().startsWith("/v5/market/")) return MatchResult.noMatch();
        if (!r.containsHeader("X-BAPI-SIGN") || !key.equals(r.getHeader("X-BAPI-API-KEY"))) return MatchResult.exactMatch();
        String url = r.getUrl();
        int q = url.indexOf('?');
        String payload = r.getMethod().equals(RequestMethod.GET) ? (q < 0 ? "" : url.substring(q + 1)) : r.getBodyAsString();
        String plain = r.getHeader("X-BAPI-TIMESTAMP") + key + r.getHeader("X-BAPI-RECV-WINDOW") + payload;
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return MatchResult.of(!HexFormat.of().formatHex(mac.doFinal(plain.getBytes(StandardCharsets.UTF_8)))
                    .equals(r.getHeader("X-BAPI-SIGN")));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
