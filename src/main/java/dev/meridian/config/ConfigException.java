package dev.meridian.config;

import java.util.List;

/** The configuration is invalid. Carries every problem found, not just the first. */
public final class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    /** @param problems one or more lines, each naming a file and JSON path or an environment variable */
    public ConfigException(List<String> problems) {
        super(message(problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() { return problems; }

    private static String message(List<String> problems) {
        if (problems.isEmpty()) throw new IllegalArgumentException("a ConfigException needs at least one problem");
        return problems.size() + " configuration problem" + (problems.size() == 1 ? "" : "s") + ":\n  "
                + String.join("\n  ", problems);
    }
}
