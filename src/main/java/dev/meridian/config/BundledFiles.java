package dev.meridian.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Finds {@code conf/}, {@code policies/} and {@code webroot/} (DESIGN.md "Files are looked up"):
 * the working directory's copy when it has one, else the copy the build bundles into the jar
 * under the classpath prefix {@value #CLASSPATH_PREFIX}, so {@code java -jar} works from any
 * directory.
 *
 * <p>Either way the answer is a directory on disk, because vertx-config's file store and
 * vertx-web's static handler both read files: a bundled directory inside a jar is extracted once
 * per process into a private temporary directory (removed at JVM exit); run from the build's
 * {@code target/classes} it is used in place. All methods block (file system, jar extraction):
 * call them off the event loop.
 */
public final class BundledFiles {
    /** Where the build puts the repository's conf/, policies/ and webroot/ inside the jar. */
    public static final String CLASSPATH_PREFIX = "bundled/";

    // One extraction per directory per process; its contents never change while the jar runs.
    private static final Map<String, Path> BUNDLED = new ConcurrentHashMap<>();

    private BundledFiles() {}

    /**
     * A configuration directory and where it came from.
     *
     * @param dir     absolute directory on disk
     * @param bundled true when the working directory lacked it and the jar's copy is used
     */
    public record Location(Path dir, boolean bundled) {
        public Location {
            Objects.requireNonNull(dir, "dir");
        }
    }

    /**
     * {@code workDir/name} if that is a directory, else the bundled copy.
     *
     * @param name a top-level directory name: "conf", "policies" or "webroot"
     * @throws IllegalStateException when neither exists (a jar built without the bundled files)
     * @throws UncheckedIOException  when extraction fails
     */
    public static Location resolveDir(Path workDir, String name) {
        requireSimpleName(name);
        Path local = workDir.toAbsolutePath().normalize().resolve(name);
        if (Files.isDirectory(local)) return new Location(local, false);
        return new Location(bundledDir(name), true);
    }

    /** The bundled copy of {@code name} as a directory on disk, ignoring the working directory. */
    public static Path bundledDir(String name) {
        requireSimpleName(name);
        return BUNDLED.computeIfAbsent(name, n -> locate(codeSource(), n));
    }

    private static void requireSimpleName(String name) {
        Objects.requireNonNull(name, "name");
        if (name.isEmpty() || name.contains("/") || name.contains("\\") || name.equals(".") || name.equals("..")) {
            throw new IllegalArgumentException("name must be a plain directory name, got \"" + name + "\"");
        }
    }

    private static Path codeSource() {
        try {
            return Path.of(BundledFiles.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate the jar or classes directory of Meridian", e);
        }
    }

    /**
     * The bundled {@code name} directory under {@code codeSource}: in place for a classes
     * directory, extracted to a temporary directory for a jar.
     */
    static Path locate(Path codeSource, String name) {
        if (Files.isDirectory(codeSource)) {
            Path dir = codeSource.resolve(CLASSPATH_PREFIX).resolve(name);
            if (!Files.isDirectory(dir)) throw new IllegalStateException("no bundled " + name + "/ in " + codeSource);
            return dir;
        }
        try (FileSystem jar = FileSystems.newFileSystem(codeSource)) {
            Path source = jar.getPath("/" + CLASSPATH_PREFIX, name);
            if (!Files.isDirectory(source)) throw new IllegalStateException("no bundled " + name + "/ in " + codeSource);
            Path target = Files.createTempDirectory("meridian-" + name + "-");
            target.toFile().deleteOnExit();
            List<Path> entries;
            try (Stream<Path> walk = Files.walk(source)) {
                entries = walk.sorted().toList(); // parents before children
            }
            for (Path entry : entries) {
                Path out = target.resolve(source.relativize(entry).toString());
                if (Files.isDirectory(entry)) {
                    Files.createDirectories(out);
                } else {
                    Files.copy(entry, out);
                }
                // deleteOnExit runs in reverse registration order: children go before their parents.
                out.toFile().deleteOnExit();
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot extract bundled " + name + "/ from " + codeSource, e);
        }
    }
}
