package dev.meridian.exchange.bybit.rest;

import dev.meridian.exchange.JsonFields;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Public GETs against Bybit V5 with the envelope checked, timeouts and bounded retries. Only
 * idempotent reads go through here, which is what makes retrying a timeout or a 5xx safe.
 */
final class BybitHttp {
    private static final System.Logger LOG = System.getLogger(BybitHttp.class.getName());

    /** Too many visits: the per-UID one-second window is full. */
    static final int RET_RATE_LIMIT = 10006;
    /** Server error: Bybit's own failure, not ours, so the same request may succeed next time. */
    static final int RET_SERVER_ERROR = 10016;
    static final String RESET_HEADER = "X-Bapi-Limit-Reset-Timestamp";

    /** A successful envelope: {@code result} and the server's {@code time} (epoch ms). */
    record Envelope(JsonObject result, long timeMs) {
    }

    private record Outcome(Envelope envelope, BybitRestException error, boolean retryable, Long resetAtMs) {
        static Outcome ok(Envelope e) {
            return new Outcome(e, null, false, null);
        }

        static Outcome fail(BybitRestException e) {
            return new Outcome(null, e, false, null);
        }

        static Outcome retry(BybitRestException e, Long resetAtMs) {
            return new Outcome(null, e, true, resetAtMs);
        }
    }

    private final Vertx vertx;
    private final WebClient client;
    private final BybitRestSettings settings;
    private final Clock clock;

    BybitHttp(Vertx vertx, WebClient client, BybitRestSettings settings, Clock clock) {
        this.vertx = vertx;
        this.client = client;
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * GETs {@code path} with {@code params} (sent in iteration order) and parses the successful
     * envelope's result with {@code parse}. A {@link JsonFields.Malformed} thrown by {@code parse} fails
     * the future with a {@link BybitResponseException} naming the field.
     */
    <T> Future<T> get(String path, Map<String, String> params, Function<Envelope, T> parse) {
        String request = "GET " + path + (params.isEmpty() ? "" : "?" + params.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("&")));
        return attempt(request, path, params, 1).compose(env -> {
            try {
                return Future.succeededFuture(parse.apply(env));
            } catch (JsonFields.Malformed m) {
                return Future.failedFuture(new BybitResponseException(request, m.field, m.problem));
            }
        });
    }

    private Future<Envelope> attempt(String request, String path, Map<String, String> params, int attempt) {
        HttpRequest<Buffer> req = client.getAbs(settings.baseUrl() + path).timeout(settings.requestTimeout().toMillis());
        params.forEach(req::addQueryParam);
        return req.send().transform(ar -> {
            Outcome o = ar.succeeded() ? classify(request, ar.result()) : transportFailure(request, ar.cause());
            if (o.envelope() != null) return Future.succeededFuture(o.envelope());
            if (!o.retryable()) return Future.failedFuture(o.error());
            if (attempt >= settings.maxAttempts()) {
                return Future.failedFuture(new BybitRetriesExhaustedException(request, attempt, o.error()));
            }
            long delay = delayBeforeRetry(attempt, o.resetAtMs());
            LOG.log(System.Logger.Level.WARNING, () -> o.error().getMessage() + "; attempt " + (attempt + 1) + " of "
                    + settings.maxAttempts() + " in " + delay + " ms");
            return vertx.timer(delay, TimeUnit.MILLISECONDS).compose(t -> attempt(request, path, params, attempt + 1));
        });
    }

    /** Exponential backoff, stretched to Bybit's announced reset time when it names one, never beyond the cap. */
    private long delayBeforeRetry(int failedAttempt, Long resetAtMs) {
        long max = settings.backoffMax().toMillis();
        long delay = settings.backoffBase().toMillis();
        for (int i = 1; i < failedAttempt && delay < max; i++) delay *= 2;
        if (resetAtMs != null) delay = Math.max(delay, resetAtMs - clock.millis());
        // Vert.x timers need at least 1 ms.
        return Math.max(1, Math.min(delay, max));
    }

    private static Outcome transportFailure(String request, Throwable cause) {
        String detail = cause instanceof TimeoutException
                ? "no response data within the request timeout"
                : "transport failure: " + cause;
        return Outcome.retry(new BybitRestException(request, detail, cause), null);
    }

    private static Outcome classify(String request, HttpResponse<Buffer> resp) {
        int status = resp.statusCode();
        Long resetAt = resetAt(resp);
        if (status == 429 || status >= 500) {
            return Outcome.retry(new BybitHttpException(request, status, JsonFields.snippet(resp.body())), resetAt);
        }
        if (status == 403) {
            // Bybit's IP limit (600 requests per 5 s) or a blocked region; retrying only extends the ban.
            return Outcome.fail(new BybitHttpException(request, status, "IP rate limit or region block;"
                    + " Bybit asks to stop all requests for at least 10 minutes. " + JsonFields.snippet(resp.body())));
        }
        if (status != 200) return Outcome.fail(new BybitHttpException(request, status, JsonFields.snippet(resp.body())));
        JsonObject body;
        try {
            body = JsonFields.jsonObject(resp.body());
        } catch (JsonFields.Malformed m) {
            return Outcome.fail(new BybitResponseException(request, m.field, m.problem));
        }
        try {
            int retCode = Math.toIntExact(JsonFields.integer(body, "retCode", ""));
            if (retCode != 0) {
                String retMsg = body.getValue("retMsg") instanceof String s ? s : String.valueOf(body.getValue("retMsg"));
                BybitApiException e = new BybitApiException(request, retCode, retMsg);
                return retCode == RET_RATE_LIMIT || retCode == RET_SERVER_ERROR ? Outcome.retry(e, resetAt) : Outcome.fail(e);
            }
            return Outcome.ok(new Envelope(JsonFields.object(body, "result", ""), JsonFields.integer(body, "time", "")));
        } catch (JsonFields.Malformed m) {
            return Outcome.fail(new BybitResponseException(request, m.field, m.problem));
        } catch (ArithmeticException e) {
            return Outcome.fail(new BybitResponseException(request, "retCode", "is out of int range"));
        }
    }


    private static Long resetAt(HttpResponse<Buffer> resp) {
        String v = resp.getHeader(RESET_HEADER);
        if (v == null) return null;
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            // A garbled hint is no reason to fail the call; the plain backoff still applies.
            return null;
        }
    }

}
