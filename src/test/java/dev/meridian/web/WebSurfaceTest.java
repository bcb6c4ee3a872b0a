package dev.meridian.web;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The web surface's defences on the real {@link WebVerticle}: every {@code /api} route refuses a
 * request without credentials or with a wrong token (401) before anything reaches the bus; a
 * change sent from another site is refused (403) even with the token; the live feed needs the
 * session cookie and refuses anything the browser tries to put on the bus.
 */
class WebSurfaceTest {
    private static final String TOKEN = "surface-test-token-42";
    /** Every /api route, as "METHOD path"; checked against WebVerticle's source so a new route cannot be missed. */
    private static final List<String> ROUTES = List.of("GET /api/status", "GET /api/portfolio", "POST /api/risk/resume",
            "GET /api/trades", "GET /api/equity", "GET /api/bars", "GET /api/funds", "PUT /api/funds", "GET /api/kpis",
            "GET /api/learning", "GET /api/audit");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @TempDir
    Path state;
    private Vertx vertx;
    private String base;
    private final List<Object> reachedTheBus = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        vertx = Vertx.vertx();
        // Anything that gets past the web layer would land here.
        for (String a : List.of("cmd.funds.update", "cmd.funds.get", "cmd.portfolio.snapshot", "cmd.risk.resume",
                "cmd.portfolio.trades", "cmd.market.status", "ui.status")) {
            vertx.eventBus().consumer(a, m -> reachedTheBus.add(a + " " + m.body()));
        }
        WebVerticle web = new WebVerticle("127.0.0.1", 0, DashboardToken.init(Optional.of(TOKEN), state), state.toString(),
                new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), () -> Future.succeededFuture(), state);
        vertx.deployVerticle(web).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        base = "http://127.0.0.1:" + web.actualPort();
    }

    @AfterEach
    void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void theTestKnowsEveryApiRoute() throws Exception {
        String source = Files.readString(Path.of("src/main/java/dev/meridian/web/WebVerticle.java"));
        Matcher m = Pattern.compile("router\\.(get|put|post|delete|patch)\\(\"(/api/[^\"]+)\"").matcher(source);
        Set<String> declared = new TreeSet<>();
        while (m.find()) declared.add(m.group(1).toUpperCase() + " " + m.group(2));
        declared.remove("POST /api/session"); // the sign-in itself
        assertThat(declared).containsExactlyInAnyOrderElementsOf(ROUTES);
    }

    @Test
    void everyApiRouteRefusesNoTokenAWrongTokenAndAForeignCookie() throws Exception {
        for (String route : ROUTES) {
            String method = route.substring(0, route.indexOf(' '));
            String path = route.substring(route.indexOf(' ') + 1);
            assertThat(send(method, path, List.of()).statusCode()).as(route + " without credentials").isEqualTo(401);
            assertThat(send(method, path, List.of("Authorization", "Bearer wrong-" + TOKEN)).statusCode())
                    .as(route + " with a wrong token").isEqualTo(401);
            assertThat(send(method, path, List.of("Authorization", "Bearer " + TOKEN.substring(1))).statusCode())
                    .as(route + " with a near token").isEqualTo(401);
            assertThat(send(method, path, List.of("Cookie", WebVerticle.COOKIE + "=" + "ab".repeat(32))).statusCode())
                    .as(route + " with a made-up session").isEqualTo(401);
        }
        assertThat(send("POST", "/api/session", List.of("Authorization", "Bearer nope")).statusCode()).isEqualTo(401);
        assertThat(reachedTheBus).as("nothing unauthenticated reached the bus").isEmpty();
        // The open routes stay open.
        assertThat(send("GET", "/health", List.of()).statusCode()).isEqualTo(200);
        assertThat(send("GET", "/metrics", List.of()).statusCode()).isEqualTo(200);
    }

    @Test
    void aChangeFromAnotherSiteIsRefusedEvenWithTheTokenOrTheCookie() throws Exception {
        String cookie = signIn();
        for (String route : ROUTES) {
            String method = route.substring(0, route.indexOf(' '));
            if (method.equals("GET")) continue;
            String path = route.substring(route.indexOf(' ') + 1);
            assertThat(send(method, path, List.of("Authorization", "Bearer " + TOKEN, "Origin", "https://evil.example")).statusCode())
                    .as(route + " from another origin").isEqualTo(403);
            assertThat(send(method, path, List.of("Cookie", cookie, "Sec-Fetch-Site", "cross-site")).statusCode())
                    .as(route + " from another site with the cookie").isEqualTo(403);
            assertThat(send(method, path, List.of("Cookie", cookie, "Sec-Fetch-Site", "same-site", "Origin", "http://127.0.0.1:1")).statusCode())
                    .as(route + " from a sibling origin").isEqualTo(403);
        }
        assertThat(reachedTheBus).isEmpty();
    }

    @Test
    void theFeedNeedsTheCookieAndNothingTheBrowserSendsReachesTheBus() throws Exception {
        assertThat(send("GET", "/eventbus/info", List.of()).statusCode()).isEqualTo(401);
        assertThat(send("POST", "/eventbus/000/nocookie/xhr", List.of()).statusCode()).isEqualTo(401);

        String cookie = signIn();
        assertThat(send("GET", "/eventbus/info", List.of("Cookie", cookie)).statusCode()).isEqualTo(200);
        // The raw WebSocket transport, as a browser would use it, with the session cookie: three frames
        // that try to put something on the bus, each of which must come back as an error frame.
        List<String> answers = new CopyOnWriteArrayList<>();
        var ws = vertx.createWebSocketClient().connect(new io.vertx.core.http.WebSocketConnectOptions()
                        .setHost("127.0.0.1").setPort(Integer.parseInt(base.substring(base.lastIndexOf(':') + 1)))
                        .setURI("/eventbus/websocket").addHeader("Cookie", cookie))
                .toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        ws.textMessageHandler(answers::add);
        ws.writeTextMessage("{\"type\":\"send\",\"address\":\"cmd.funds.update\",\"body\":{\"allow_funds\":true}}");
        ws.writeTextMessage("{\"type\":\"publish\",\"address\":\"ui.status\",\"body\":{}}");
        ws.writeTextMessage("{\"type\":\"send\",\"address\":\"cmd.risk.resume\",\"body\":{},\"replyAddress\":\"x\"}");
        long until = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (countErrors(String.join("\n", answers)) < 3 && System.nanoTime() < until) Thread.sleep(20);
        String all = String.join("\n", answers);
        assertThat(countErrors(all)).as("an error frame per refused send: " + all).isEqualTo(3);
        Thread.sleep(200); // a frame that slipped through would be delivered by now
        assertThat(reachedTheBus).as("nothing from the browser reached the bus").isEmpty();
    }

    private static int countErrors(String s) {
        Matcher m = Pattern.compile("\"type\"\\s*:\\s*\"err\"").matcher(s);
        int n = 0;
        while (m.find()) n++;
        return n;
    }

    private String signIn() throws Exception {
        HttpResponse<String> r = send("POST", "/api/session", List.of("Authorization", "Bearer " + TOKEN));
        assertThat(r.statusCode()).isEqualTo(200);
        String setCookie = r.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(setCookie).containsIgnoringCase("HttpOnly").contains("SameSite=Strict").doesNotContain(TOKEN);
        return setCookie.substring(0, setCookie.indexOf(';'));
    }

    private HttpResponse<String> send(String method, String path, List<String> headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(5))
                .method(method, method.equals("GET") ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString("{}"));
        List<String> h = new ArrayList<>(headers);
        for (int i = 0; i < h.size(); i += 2) b.header(h.get(i), h.get(i + 1));
        if (!method.equals("GET")) b.header("Content-Type", "application/json");
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
