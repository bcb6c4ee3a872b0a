package dev.meridian.config;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of reading the configuration. Invariant: {@code config} is present exactly when
 * {@code problems} is empty. Warnings (unknown keys or variables, ignored) never block start-up.
 *
 * @param config   the configuration, when valid
 * @param problems every problem found, in file order
 * @param warnings every warning found
 */
public record ConfigResult(Optional<MeridianConfig> config, List<String> problems, List<String> warnings) {
    public ConfigResult {
        Objects.requireNonNull(config, "config");
        problems = List.copyOf(problems);
        warnings = List.copyOf(warnings);
        if (config.isPresent() == !problems.isEmpty()) {
            throw new IllegalArgumentException("a result has a config exactly when it has no problems");
        }
    }

    public boolean isValid() { return config.isPresent(); }

    /** @throws ConfigException listing every problem when the configuration is invalid */
    public MeridianConfig orElseThrow() {
        return config.orElseThrow(() -> new ConfigException(problems));
    }
}
