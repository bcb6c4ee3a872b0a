package dev.meridian.store;

import java.io.File;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The OS identity that the embedded PostgreSQL programs run as.
 *
 * <p>PostgreSQL refuses to run as root, and Meridian often does (containers, CI). Then initdb,
 * pg_ctl and postgres run as uid and gid {@value #NOBODY} (nobody) with no supplementary groups
 * through util-linux {@code setpriv}, the files they write belong to that uid, and every directory
 * above the data directory must let that uid pass. Otherwise the programs run as the current user
 * and nothing is changed.
 */
final class PostgresUser {

    static final int NOBODY = 65534;
    private static final System.Logger LOG = System.getLogger(PostgresUser.class.getName());

    /** Present exactly when Meridian runs as root. */
    private final Optional<Path> setpriv;

    private PostgresUser(Optional<Path> setpriv) {
        this.setpriv = setpriv;
    }

    static PostgresUser forThisProcess() {
        if (currentUid() != 0) {
            return new PostgresUser(Optional.empty());
        }
        Path setpriv = findOnPath("setpriv").orElseThrow(() -> new IllegalStateException(
                "Meridian runs as root and PostgreSQL refuses to, so the embedded server must run as uid " + NOBODY
                        + " through setpriv, which is not installed: install util-linux, run Meridian as a"
                        + " normal user, or set MERIDIAN_PG_URL to use an external PostgreSQL server"));
        return new PostgresUser(Optional.of(setpriv));
    }

    static int currentUid() {
        try {
            // /proc/self belongs to the effective uid of the process that looks at it.
            return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        } catch (IOException e) {
            throw new IllegalStateException("cannot tell which uid this process runs as (reading /proc/self): "
                    + e.getMessage(), e);
        }
    }

    boolean dropsRoot() {
        return setpriv.isPresent();
    }

    /** The command line that runs {@code program} as this user. */
    List<String> command(Path program, List<String> args) {
        List<String> cmd = new ArrayList<>();
        setpriv.ifPresent(s -> cmd.addAll(List.of(s.toString(), "--reuid=" + NOBODY, "--regid=" + NOBODY,
                "--clear-groups", "--inh-caps=-all")));
        cmd.add(program.toString());
        cmd.addAll(args);
        return cmd;
    }

    /** Gives {@code path} (not following links) to this user, so that its programs may write it. */
    void own(Path path) throws IOException {
        if (dropsRoot()) {
            Files.setAttribute(path, "unix:uid", NOBODY, LinkOption.NOFOLLOW_LINKS);
            Files.setAttribute(path, "unix:gid", NOBODY, LinkOption.NOFOLLOW_LINKS);
        }
    }

    /**
     * Gives every entry under {@code dir} that is not yet this user's to this user: a data directory
     * touched by root (a restore, a copy, an earlier run as another user) would make PostgreSQL fail.
     */
    void ownTree(Path dir) throws IOException {
        if (!dropsRoot()) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) paths::iterator) {
                if ((Integer) Files.getAttribute(p, "unix:uid", LinkOption.NOFOLLOW_LINKS) != NOBODY) {
                    own(p);
                }
            }
        }
    }

    /**
     * Makes sure this user can pass through every directory from the root down to {@code dir}.
     * Only {@code mayOpen} (Meridian's own state directory, which {@code mktemp -d} and friends create
     * with mode 0700) is opened with o+x, and this is said once in the log; any other closed directory
     * is the owner's decision, so it fails with a message naming it.
     */
    void ensureCanReach(Path dir, Optional<Path> mayOpen) throws IOException {
        if (!dropsRoot()) {
            return;
        }
        List<Path> chain = new ArrayList<>();
        for (Path p = dir.toAbsolutePath().normalize(); p != null; p = p.getParent()) {
            chain.add(0, p);
        }
        for (Path p : chain) {
            if (canPass(p)) {
                continue;
            }
            if (mayOpen.isPresent() && p.equals(mayOpen.get().toAbsolutePath().normalize())) {
                Set<PosixFilePermission> perms = EnumSet.noneOf(PosixFilePermission.class);
                perms.addAll(Files.getPosixFilePermissions(p));
                perms.add(PosixFilePermission.OTHERS_EXECUTE);
                Files.setPosixFilePermissions(p, perms);
                LOG.log(Level.INFO, "added o+x to " + p + " so that the embedded PostgreSQL, running as uid " + NOBODY
                        + " because Meridian runs as root, can reach its data directory inside it");
            } else {
                throw new IllegalStateException("the embedded PostgreSQL runs as uid " + NOBODY
                        + " because Meridian runs as root, and that uid cannot enter " + p + " (mode "
                        + PosixFilePermissions.toString(Files.getPosixFilePermissions(p)) + ") on the way to " + dir
                        + ": run 'chmod o+x " + p + "', choose a state dir (MERIDIAN_STATE_DIR) or temp dir"
                        + " (java.io.tmpdir) outside it, or set MERIDIAN_PG_URL to use an external PostgreSQL server");
            }
        }
    }

    private static boolean canPass(Path dir) throws IOException {
        int uid = (Integer) Files.getAttribute(dir, "unix:uid");
        int gid = (Integer) Files.getAttribute(dir, "unix:gid");
        Set<PosixFilePermission> perms = Files.getPosixFilePermissions(dir);
        // The kernel uses the first class that matches, even when a later one would grant more.
        if (uid == NOBODY) {
            return perms.contains(PosixFilePermission.OWNER_EXECUTE);
        }
        if (gid == NOBODY) {
            return perms.contains(PosixFilePermission.GROUP_EXECUTE);
        }
        return perms.contains(PosixFilePermission.OTHERS_EXECUTE);
    }

    private static Optional<Path> findOnPath(String program) {
        String path = Optional.ofNullable(System.getenv("PATH")).orElse("");
        return Stream.concat(Stream.of(path.split(File.pathSeparator)), Stream.of("/usr/bin", "/bin", "/usr/sbin"))
                .filter(d -> !d.isEmpty())
                .map(d -> Path.of(d, program))
                .filter(Files::isExecutable)
                .findFirst();
    }
}
