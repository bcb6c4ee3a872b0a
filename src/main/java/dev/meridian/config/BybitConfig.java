package dev.meridian.config;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * Bybit v5 endpoints and, when trading live, the API credentials. The URLs choose mainnet or
 * testnet; they carry no trailing slash.
 *
 * @param restUrl      REST base, e.g. https://api.bybit.com
 * @param wsUrl        public stream base; the client appends {@code /v5/public/{spot,linear,option}}
 * @param wsPrivateUrl the private stream's full URL, e.g. wss://stream.bybit.com/v5/private
 * @param credentials  present only when both MERIDIAN_BYBIT_API_KEY and MERIDIAN_BYBIT_API_SECRET are set
 */
public record BybitConfig(URI restUrl, URI wsUrl, URI wsPrivateUrl, Optional<Credentials> credentials) {
    public BybitConfig {
        Values.requireUrl("rest_url", restUrl, Values.HTTP);
        Values.requireUrl("ws_url", wsUrl, Values.WS);
        Values.requireUrl("ws_private_url", wsPrivateUrl, Values.WS);
        Objects.requireNonNull(credentials, "credentials");
    }

    /** An API key and its signing secret; one without the other cannot sign a request. */
    public record Credentials(Secret apiKey, Secret apiSecret) {
        public Credentials {
            Objects.requireNonNull(apiKey, "apiKey");
            Objects.requireNonNull(apiSecret, "apiSecret");
        }
    }
}
