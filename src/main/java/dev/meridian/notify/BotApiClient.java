package dev.meridian.notify;

import dev.meridian.config.Secret;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The two Bot API methods Meridian uses, {@code sendMessage} (HTML parse mode) and
 * {@code getUpdates} (long polling), each one HTTP POST with a JSON body to
 * {@code <apiUrl>/bot<token>/<method>}. Non-blocking.
 *
 * <p><b>Contract.</b> A future succeeds only on {@code {"ok": true}}; otherwise it fails with a
 * {@link BotApiException} carrying the HTTP status, Telegram's description and, for flood control
 * (429), {@code parameters.retry_after} in seconds. Retrying is the caller's decision.
 *
 * <p><b>The token never leaves this class</b> except in the request line: the URL is never logged
 * and never put in an exception, and a transport error's message (Vert.x timeouts quote the
 * request URI) has the token replaced before it is passed on.
 */
public final class BotApiClient {
    private final WebClient client;
    private final String base;
    private final Secret token;

    /** The failure of a Bot API call. {@code retryAfterSec} is 0 unless Telegram said how long to wait. */
    public static final class BotApiException extends RuntimeException {
        private final int httpStatus;
        private final int retryAfterSec;

        BotApiException(int httpStatus, String description, int retryAfterSec) {
            super(description, null, false, false);
            this.httpStatus = httpStatus;
            this.retryAfterSec = retryAfterSec;
        }

        /** 0 for a transport failure (no answer). */
        public int httpStatus() { return httpStatus; }

        public int retryAfterSec() { return retryAfterSec; }

        /** Worth sending again: flood control, a server error, or no answer at all. */
        public boolean retriable() { return httpStatus == 0 || httpStatus == 429 || httpStatus >= 500; }
    }

    /** One incoming message: the update id (for the next offset), its chat, its text and date. */
    public record Update(long updateId, long chatId, String text, long dateSec) {
    }

    public BotApiClient(Vertx vertx, URI apiUrl, Secret token) {
        this.token = Objects.requireNonNull(token, "token");
        String u = apiUrl.toString();
        this.base = u.endsWith("/") ? u.substring(0, u.length() - 1) : u;
        this.client = WebClient.create(vertx, new WebClientOptions().setUserAgent("meridian").setConnectTimeout(10_000));
    }

    /** Sends {@code html} (already escaped, at most 4096 characters) to {@code chatId}. */
    public Future<Void> sendMessage(long chatId, String html, long timeoutMs) {
        JsonObject body = new JsonObject().put("chat_id", chatId).put("text", html).put("parse_mode", "HTML")
                .put("link_preview_options", new JsonObject().put("is_disabled", true));
        return call("sendMessage", body, timeoutMs).mapEmpty();
    }

    /**
     * Long-polls for messages from {@code offset} on, waiting up to {@code timeoutSec} on Telegram's
     * side; the HTTP timeout is 10 s longer so a quiet poll ends normally, not as an error. Updates
     * that are not a text message come back with {@code text} null (their id still counts).
     */
    public Future<List<Update>> getUpdates(long offset, int timeoutSec) {
        JsonObject body = new JsonObject().put("offset", offset).put("timeout", timeoutSec)
                .put("allowed_updates", new JsonArray().add("message"));
        return call("getUpdates", body, timeoutSec * 1000L + 10_000).map(BotApiClient::updates);
    }

    public void close() { client.close(); }

    private Future<Object> call(String method, JsonObject body, long timeoutMs) {
        return client.postAbs(base + "/bot" + token.reveal() + "/" + method)
                .timeout(timeoutMs)
                .sendJsonObject(body)
                .transform(ar -> ar.succeeded() ? answer(ar.result())
                        : Future.failedFuture(new BotApiException(0, "no answer from Telegram: " + redact(ar.cause()), 0)));
    }

    private static Future<Object> answer(HttpResponse<Buffer> resp) {
        JsonObject json;
        try {
            json = resp.bodyAsJsonObject();
        } catch (RuntimeException e) {
            json = null;
        }
        if (json != null && Boolean.TRUE.equals(json.getValue("ok")) && resp.statusCode() == 200) {
            return Future.succeededFuture(json.getValue("result"));
        }
        String description = json != null && json.getValue("description") instanceof String d ? d : "no Bot API envelope";
        int retryAfter = 0;
        if (json != null && json.getValue("parameters") instanceof JsonObject p && p.getValue("retry_after") instanceof Number n) {
            retryAfter = Math.max(0, n.intValue());
        }
        return Future.failedFuture(new BotApiException(resp.statusCode(), "HTTP " + resp.statusCode() + ": " + description, retryAfter));
    }

    private String redact(Throwable t) {
        String m = t.getClass().getSimpleName() + ": " + t.getMessage();
        return m.replace(token.reveal(), "<token>");
    }

    private static List<Update> updates(Object result) {
        List<Update> out = new ArrayList<>();
        if (!(result instanceof JsonArray arr)) return out;
        for (Object o : arr) {
            if (!(o instanceof JsonObject u) || !(u.getValue("update_id") instanceof Number id)) continue;
            JsonObject msg = u.getValue("message") instanceof JsonObject m ? m : null;
            JsonObject chat = msg != null && msg.getValue("chat") instanceof JsonObject c ? c : null;
            if (chat == null || !(chat.getValue("id") instanceof Number chatId) || !(msg.getValue("text") instanceof String text)) {
                out.add(new Update(id.longValue(), 0, null, 0));
                continue;
            }
            long date = msg.getValue("date") instanceof Number d ? d.longValue() : 0;
            out.add(new Update(id.longValue(), chatId.longValue(), text, date));
        }
        return out;
    }
}
