package dev.meridian;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * DESIGN.md's layers, held by the source: a module may use only modules of its own layer or below,
 * and modules never depend on each other in a cycle. Every reference in code counts, imports and
 * fully qualified names alike. {@code core} (shared records) sits at the ground with {@code bus};
 * {@code telemetry} is a watcher beside {@code web}; {@code options} (option math) beside {@code learning}.
 */
class LayeringTest {
    /** Layer of each top-level module: higher wires and drives, lower is ground. */
    private static final Map<String, Integer> LAYER = Map.ofEntries(
            Map.entry("app", 4), Map.entry("backtest", 4),
            Map.entry("regime", 3), Map.entry("strategy", 3), Map.entry("risk", 3), Map.entry("execution", 3),
            Map.entry("web", 3), Map.entry("telemetry", 3),
            Map.entry("market", 2), Map.entry("learning", 2), Map.entry("session", 2), Map.entry("portfolio", 2),
            Map.entry("funds", 2), Map.entry("notify", 2), Map.entry("options", 2),
            Map.entry("exchange", 1), Map.entry("indicators", 1), Map.entry("config", 1), Map.entry("bus", 1),
            Map.entry("store", 1), Map.entry("core", 1));
    private static final Pattern REF = Pattern.compile("\\bdev\\.meridian\\.([a-z]+)\\.");
    private static final Path ROOT = Path.of("src", "main", "java", "dev", "meridian");

    @Test
    void modulesUseOnlyTheirOwnLayerOrBelowAndFormNoCycle() throws IOException {
        Map<String, Set<String>> uses = uses();
        assertThat(LAYER.keySet()).as("every module has a layer").containsAll(uses.keySet());
        List<String> upward = new ArrayList<>();
        uses.forEach((from, tos) -> tos.forEach(to -> {
            if (LAYER.get(to) > LAYER.get(from)) upward.add(from + " -> " + to);
        }));
        assertThat(upward).as("imports that point up a layer").isEmpty();
        for (String start : uses.keySet()) {
            assertThat(pathBack(uses, start)).as("a cycle through " + start).isEmpty();
        }
    }

    /** A dependency path from {@code start} back to itself, or empty. */
    private static List<String> pathBack(Map<String, Set<String>> uses, String start) {
        List<String> path = new ArrayList<>();
        return search(uses, start, start, path, new TreeSet<>()) ? path : List.of();
    }

    private static boolean search(Map<String, Set<String>> uses, String start, String at, List<String> path, Set<String> seen) {
        for (String next : uses.getOrDefault(at, Set.of())) {
            path.add(at + " -> " + next);
            if (next.equals(start) || (seen.add(next) && search(uses, start, next, path, seen))) return true;
            path.remove(path.size() - 1);
        }
        return false;
    }

    private static Map<String, Set<String>> uses() throws IOException {
        Map<String, Set<String>> uses = new TreeMap<>();
        try (Stream<Path> files = Files.walk(ROOT)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                String module = ROOT.relativize(f).getName(0).toString();
                Set<String> to = uses.computeIfAbsent(module, m -> new TreeSet<>());
                for (String line : Files.readAllLines(f)) {
                    String t = line.trim();
                    // Prose may name any module; only code depends on one.
                    if (t.startsWith("package ") || t.startsWith("*") || t.startsWith("/*") || t.startsWith("//")) continue;
                    Matcher m = REF.matcher(line);
                    while (m.find()) {
                        if (!m.group(1).equals(module)) to.add(m.group(1));
                    }
                }
            }
        }
        return uses;
    }
}
