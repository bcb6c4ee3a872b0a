package dev.meridian.config;

import java.util.Map;

/** The repository's shipped configuration, parsed, for tests outside the config package. */
public final class ShippedConfig {
    private ShippedConfig() {}

    public static MeridianConfig load() {
        return Shipped.parse(Shipped.conf(), Shipped.policies(), Map.of()).orElseThrow();
    }
}
