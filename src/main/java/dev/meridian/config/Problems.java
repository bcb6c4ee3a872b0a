package dev.meridian.config;

import java.util.ArrayList;
import java.util.List;

/** Collects every problem and warning of one parse, each a complete line for the user, in discovery order. */
final class Problems {
    private final List<String> problems = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();

    void problem(String line) { problems.add(line); }

    void warning(String line) { warnings.add(line); }

    /** Number of problems so far: a parser compares it before and after reading a section. */
    int count() { return problems.size(); }

    List<String> problems() { return List.copyOf(problems); }

    List<String> warnings() { return List.copyOf(warnings); }
}
