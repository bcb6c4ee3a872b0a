package dev.meridian.web;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;

import java.net.URI;
import java.util.Locale;
import java.util.Set;

/**
 * The web surface's browser-facing defences, as two route handlers.
 *
 * <ul>
 *   <li>{@link #headers}: on every response, a Content-Security-Policy that allows only the bot's
 *       own scripts, styles, images and connections (no inline script or style, no framing),
 *       {@code X-Content-Type-Options: nosniff}, {@code X-Frame-Options: DENY} and
 *       {@code Referrer-Policy: no-referrer}.</li>
 *   <li>{@link #sameOriginForMutations}: a request that changes state (any method but GET, HEAD and
 *       OPTIONS) is refused with 403 when the browser says it comes from another site: a
 *       {@code Sec-Fetch-Site} other than {@code same-origin} or {@code none}, or an {@code Origin}
 *       whose host and port differ from the request's {@code Host}. Scripts and curl send neither
 *       header and are judged by their token alone. The SameSite=Strict cookie already keeps
 *       cross-site requests from carrying the session; this closes the gap for browsers that ignore
 *       SameSite and for forms posted at a token-less endpoint.</li>
 * </ul>
 */
final class WebSecurity {
    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
    private static final Set<HttpMethod> SAFE = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);

    private WebSecurity() {
    }

    static void headers(RoutingContext ctx) {
        ctx.response().putHeader("Content-Security-Policy", CSP)
                .putHeader("X-Content-Type-Options", "nosniff")
                .putHeader("X-Frame-Options", "DENY")
                .putHeader("Referrer-Policy", "no-referrer");
        ctx.next();
    }

    static void sameOriginForMutations(RoutingContext ctx) {
        HttpServerRequest r = ctx.request();
        if (SAFE.contains(r.method()) || isSameOrigin(r.getHeader("Sec-Fetch-Site"), r.getHeader("Origin"), r.getHeader("Host"))) {
            ctx.next();
            return;
        }
        ctx.response().setStatusCode(403).putHeader("Content-Type", "application/json")
                .end("{\"error\":\"cross-site request refused: changes are accepted only from the dashboard's own origin\"}");
    }

    /** Whether a state-changing request may proceed, from its browser-set headers (null when absent). */
    static boolean isSameOrigin(String secFetchSite, String origin, String host) {
        if (secFetchSite != null) {
            String s = secFetchSite.toLowerCase(Locale.ROOT);
            if (!s.equals("same-origin") && !s.equals("none")) return false;
        }
        if (origin == null) return true;
        if (host == null || origin.equals("null")) return false;
        try {
            URI o = URI.create(origin);
            if (o.getHost() == null) return false;
            String originHostPort = o.getHost().toLowerCase(Locale.ROOT) + (o.getPort() == -1 ? defaultPort(o.getScheme()) : ":" + o.getPort());
            String h = host.toLowerCase(Locale.ROOT);
            String hostPort = h.contains(":") && !h.endsWith("]") ? h : h + defaultPort(o.getScheme());
            return originHostPort.equals(hostPort);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String defaultPort(String scheme) {
        return "https".equalsIgnoreCase(scheme) ? ":443" : ":80";
    }
}
