package dev.meridian.exchange.bybit.rest;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/** Shared pieces of the REST tests: a loopback WireMock, fixtures, and waiting on futures from the test thread. */
final class RestFixtures {
    private RestFixtures() {
    }

    /** A fake Bybit on a random port of 127.0.0.1 only. */
    static WireMockExtension fakeBybit() {
        return WireMockExtension.newInstance()
                .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
                .build();
    }

    /** Fast retries so the tests stay quick; the policy under test is the same. */
    static BybitRestSettings settings(WireMockExtension wm) {
        return new BybitRestSettings(URI.create("http://127.0.0.1:" + wm.getPort()), Duration.ofSeconds(2), 3,
                Duration.ofMillis(10), Duration.ofSeconds(2));
    }

    static BybitMarketRest client(Vertx vertx, WireMockExtension wm, Instant now) {
        return new BybitMarketRest(vertx, settings(wm), Clock.fixed(now, ZoneOffset.UTC));
    }

    static String fixture(String name) {
        try (InputStream in = RestFixtures.class.getResourceAsStream("/bybit-rest/" + name)) {
            if (in == null) throw new IllegalStateException("no fixture " + name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static <T> T await(Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
    }

    /** The failure of {@code f}; fails the test if it succeeds. */
    static Throwable failure(Future<?> f) throws Exception {
        try {
            Object v = await(f);
            throw new AssertionError("expected a failure, got " + v);
        } catch (ExecutionException e) {
            return e.getCause();
        }
    }
}
