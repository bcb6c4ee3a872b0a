package dev.meridian.store;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A PostgreSQL server of our own, run from the binaries bundled in the jar, with its data in one
 * directory that survives restarts.
 *
 * <p>Contract:
 * <ul>
 *   <li>{@link #start} returns only once the server accepts connections on {@link #host()}:{@link #port()}
 *       (loopback only, a free port chosen at each start, no Unix socket) and database {@link #database()}
 *       exists. The data directory is created with initdb when it holds no {@code PG_VERSION}.</li>
 *   <li>The parent of the data directory is Meridian's state directory: it holds the lock file
 *       {@code <data dir name>.lock} that makes one data directory serve one Meridian at a time. A second
 *       start while another process (or this one) holds it fails with an {@link IllegalStateException}
 *       saying the state dir is in use and naming the postmaster pid.</li>
 *   <li>Holding the lock means no other Meridian uses the data directory, so anything found there is a
 *       leftover: a {@code postmaster.pid} that names no running server of this directory is removed, and
 *       a server still running on it (its Meridian was killed) is stopped before ours starts.</li>
 *   <li>Connections need the password {@link #password()}: superuser {@value #USER} with a random
 *       password made at initdb and kept in the data directory, because any local user can reach the
 *       loopback port, and a superuser may rewrite the ledger or run programs through {@code COPY}.</li>
 *   <li>When the JVM runs as root, PostgreSQL (which refuses root) runs as uid 65534; see
 *       {@link PostgresUser}.</li>
 *   <li>{@link #close()}, or else a JVM shutdown hook, stops the server with a fast shutdown (open
 *       transactions roll back, committed data is durable) and releases the lock. If the server died
 *       under us, close only says so in the log.</li>
 *   <li>A failed start leaves no server running and releases the lock; its message carries the last
 *       lines of the PostgreSQL log.</li>
 * </ul>
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(EmbeddedPostgresServer.class.getName());
    private static final String HOST = "127.0.0.1";
    private static final String USER = "postgres";
    private static final String DATABASE = "meridian";
    /** Inside the data directory, so a credential always travels with the cluster it opens. */
    private static final String PASSWORD_FILE = "meridian-password";
    /** Inside the data directory: the server, running as another user, must be able to write it. */
    private static final String LOG_FILE = "postmaster.log";
    private static final int LOG_TAIL_LINES = 20;
    /** Another process can take the port between our probe and the server's bind; a new port fixes that. */
    private static final int PORT_ATTEMPTS = 3;
    /** Crash recovery of a large WAL can take a while; beyond this something is wrong. */
    private static final int START_TIMEOUT_SECONDS = 300;
    private static final int STOP_TIMEOUT_SECONDS = 120;

    private final Path dataDir;
    private final PostgresBinaries binaries;
    private final PostgresUser osUser;
    private final DataDirLock lock;
    private final String password;
    private final int port;
    private final long postmasterPid;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Thread shutdownHook;

    private EmbeddedPostgresServer(Path dataDir, PostgresBinaries binaries, PostgresUser osUser, DataDirLock lock,
                                   String password, int port, long postmasterPid) {
        this.dataDir = dataDir;
        this.binaries = binaries;
        this.osUser = osUser;
        this.lock = lock;
        this.password = password;
        this.port = port;
        this.postmasterPid = postmasterPid;
        this.shutdownHook = new Thread(this::stopAtJvmExit, "meridian-postgres-shutdown");
    }

    /**
     * Starts a server on {@code dataDir}, creating the directory and the cluster if needed. Blocks for
     * up to a few seconds (initdb, start-up, crash recovery); never call it on an event loop.
     *
     * @throws IllegalStateException if another Meridian holds the data directory, or PostgreSQL cannot
     *         be set up or started (the message says why)
     * @throws UncheckedIOException if the files involved cannot be read or written
     */
    public static EmbeddedPostgresServer start(Path dataDir) {
        Path data = dataDir.toAbsolutePath().normalize();
        Path stateDir = data.getParent();
        if (stateDir == null) {
            throw new IllegalArgumentException("the PostgreSQL data dir cannot be the file system root");
        }
        try {
            Files.createDirectories(stateDir);
            PostgresUser osUser = PostgresUser.forThisProcess();
            DataDirLock lock = DataDirLock.acquire(data);
            try {
                PostgresBinaries binaries = PostgresBinaries.extract();
                osUser.ensureCanReach(binaries.home(), Optional.empty());
                osUser.ensureCanReach(stateDir, Optional.of(stateDir));
                Starter starter = new Starter(data, binaries, osUser);
                if (Files.exists(data.resolve("PG_VERSION"))) {
                    osUser.ownTree(data);
                } else {
                    starter.initdb();
                }
                String password = starter.readPassword();
                starter.clearLeftovers();
                int port = starter.startServer();
                EmbeddedPostgresServer server;
                try {
                    long pid = recordedPostmasterPid(data).orElseThrow(() -> new IllegalStateException(
                            "PostgreSQL in " + data + " started but its postmaster.pid names no process"));
                    server = new EmbeddedPostgresServer(data, binaries, osUser, lock, password, port, pid);
                    server.createDatabaseIfAbsent();
                } catch (RuntimeException | IOException e) {
                    starter.stopServer(e);
                    throw e;
                }
                Runtime.getRuntime().addShutdownHook(server.shutdownHook);
                return server;
            } catch (RuntimeException | IOException | Error e) {
                lock.release(e);
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the embedded PostgreSQL in " + data + ": " + e, e);
        }
    }

    /** The postmaster's process id (tests use it to simulate a crash). */
    long postmasterPid() {
        return postmasterPid;
    }

    public String host() {
        return HOST;
    }

    public int port() {
        return port;
    }

    public String database() {
        return DATABASE;
    }

    public String user() {
        return USER;
    }

    /** The superuser's password. Secret: never log or print it. */
    public String password() {
        return password;
    }

    /** {@code jdbc:postgresql://127.0.0.1:<port>/meridian}, without credentials. */
    public String jdbcUrl() {
        return "jdbc:postgresql://" + HOST + ":" + port + "/" + DATABASE;
    }

    /**
     * Stops the server (fast shutdown) and releases the data directory. Idempotent.
     *
     * @throws IllegalStateException if pg_ctl could not stop the server (the lock is released anyway)
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException jvmExiting) {
            // The JVM is already exiting: hooks can no longer be removed, and ours will find closed set.
            LOG.log(Level.DEBUG, "JVM exiting while closing PostgreSQL in " + dataDir);
        }
        stop();
    }

    /**
     * For a caller whose own JVM shutdown hook closes this server after its last writes: withdraws
     * the server's hook, which would otherwise run concurrently with the caller's (the JVM starts all
     * hooks at once) and could stop PostgreSQL under those writes. The caller must then close it.
     */
    public void leaveShutdownToCaller() {
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException jvmExiting) {
            LOG.log(Level.DEBUG, "JVM already exiting; PostgreSQL in " + dataDir + " keeps its own hook");
        }
    }

    private void stopAtJvmExit() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            stop();
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "could not stop PostgreSQL in " + dataDir + " at JVM exit", e);
        }
    }

    private void stop() {
        Starter starter = new Starter(dataDir, binaries, osUser);
        RuntimeException failure = null;
        try {
            // Checked by working directory too: a pid that died and was reused must not be signalled.
            if (ProcessInfo.isPostmasterOf(postmasterPid, dataDir)) {
                starter.pgCtlStop(postmasterPid);
            } else {
                LOG.log(Level.WARNING, "PostgreSQL (pid " + postmasterPid + ") in " + dataDir
                        + " had already stopped; last lines of " + starter.logFile() + ":\n" + starter.logTail(0));
            }
        } catch (IOException e) {
            failure = new UncheckedIOException("could not stop PostgreSQL (pid " + postmasterPid + ") in " + dataDir
                    + ": " + e, e);
        } catch (RuntimeException e) {
            failure = e;
        }
        lock.release(failure);
        if (failure != null) {
            throw failure;
        }
    }

    private void createDatabaseIfAbsent() {
        Properties props = new Properties();
        props.setProperty("user", USER);
        props.setProperty("password", password);
        String maintenanceUrl = "jdbc:postgresql://" + HOST + ":" + port + "/postgres";
        try (Connection c = DriverManager.getConnection(maintenanceUrl, props);
             PreparedStatement exists = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            exists.setString(1, DATABASE);
            try (ResultSet rs = exists.executeQuery()) {
                if (rs.next()) {
                    return;
                }
            }
            try (Statement create = c.createStatement()) {
                create.execute("CREATE DATABASE " + DATABASE + " ENCODING 'UTF8'");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL in " + dataDir + " started, but creating database " + DATABASE
                    + " failed: " + e.getMessage(), e);
        }
    }

    /** The lock file beside the data directory, held for as long as a server of ours uses it. */
    private static final class DataDirLock {
        private final FileChannel channel;
        private final FileLock lock;

        private DataDirLock(FileChannel channel, FileLock lock) {
            this.channel = channel;
            this.lock = lock;
        }

        static DataDirLock acquire(Path data) throws IOException {
            Path file = data.resolveSibling(data.getFileName() + ".lock");
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                // An OS lock, not a pid file: the kernel drops it however the holder dies, even by kill -9.
                lock = channel.tryLock();
            } catch (OverlappingFileLockException heldInThisJvm) {
                lock = null;
            } catch (IOException | RuntimeException e) {
                channel.close();
                throw e;
            }
            if (lock == null) {
                channel.close();
                String pid = recordedPostmasterPid(data).stream().mapToObj(Long::toString).findFirst().orElse("not written yet");
                throw new IllegalStateException("state dir " + data.getParent() + " is in use by another Meridian"
                        + " (postmaster pid " + pid + "; lock file " + file + ")");
            }
            return new DataDirLock(channel, lock);
        }

        /** Releases the lock; a failure is added to {@code pending} if there is one, else thrown. */
        void release(Throwable pending) {
            try {
                lock.release();
                channel.close();
            } catch (IOException e) {
                if (pending == null) {
                    throw new UncheckedIOException("could not release the lock on a PostgreSQL data dir", e);
                }
                pending.addSuppressed(e);
            }
        }
    }

    /** The steps of bringing up (and down) the server on one data directory, run through pg_ctl and initdb. */
    private static final class Starter {
        private final Path data;
        private final PostgresBinaries binaries;
        private final PostgresUser osUser;

        Starter(Path data, PostgresBinaries binaries, PostgresUser osUser) {
            this.data = data;
            this.binaries = binaries;
            this.osUser = osUser;
        }

        Path logFile() {
            return data.resolve(LOG_FILE);
        }

        /**
         * Creates the cluster in a staging directory and renames it into place only when complete, so
         * that a start killed half-way through initdb is simply redone.
         */
        void initdb() throws IOException {
            if (Files.isDirectory(data)) {
                try (Stream<Path> entries = Files.list(data)) {
                    if (entries.findAny().isPresent()) {
                        throw new IllegalStateException(data + " is not empty but holds no PostgreSQL cluster (no"
                                + " PG_VERSION); move it away or choose another state dir (MERIDIAN_STATE_DIR)");
                    }
                }
            } else if (Files.exists(data)) {
                throw new IllegalStateException(data + " exists but is not a directory");
            }
            Path staging = data.resolveSibling(data.getFileName() + ".initdb");
            PostgresBinaries.deleteTree(staging);
            Files.createDirectory(staging, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            osUser.own(staging);
            Path passwordFile = staging.resolve(PASSWORD_FILE);
            Files.createFile(passwordFile, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(passwordFile, newPassword() + "\n", StandardCharsets.US_ASCII);
            osUser.own(passwordFile);
            Path stagedData = staging.resolve("data");
            // TZ=UTC becomes the cluster's default time zone: every time in the ledger is UTC.
            Result r = run(binaries.program("initdb"), List.of("-D", stagedData.toString(), "-U", USER,
                    "-A", "scram-sha-256", "--pwfile=" + passwordFile, "-E", "UTF-8", "--locale=C"), Map.of("TZ", "UTC"));
            if (r.exit() != 0) {
                throw new IllegalStateException("initdb failed for " + data + " (exit " + r.exit() + "):\n"
                        + lastLines(r.output()));
            }
            Files.move(passwordFile, stagedData.resolve(PASSWORD_FILE));
            try {
                Files.deleteIfExists(data);
            } catch (FileSystemException e) {
                throw new IllegalStateException("cannot replace the empty directory " + data + " by the new cluster ("
                        + e.getReason() + "); if it is a mount point, mount the state dir instead", e);
            }
            Files.move(stagedData, data, StandardCopyOption.ATOMIC_MOVE);
            PostgresBinaries.deleteTree(staging);
            LOG.log(Level.INFO, "created a new PostgreSQL cluster in " + data);
        }

        String readPassword() throws IOException {
            Path file = data.resolve(PASSWORD_FILE);
            try {
                String password = Files.readString(file, StandardCharsets.US_ASCII).strip();
                if (password.isEmpty()) {
                    throw new IllegalStateException(file + " is empty");
                }
                return password;
            } catch (NoSuchFileException e) {
                throw new IllegalStateException(data + " holds a PostgreSQL cluster that Meridian did not create (no "
                        + PASSWORD_FILE + "); move it away, or run it yourself and set MERIDIAN_PG_URL", e);
            }
        }

        /** The pid of a postmaster that is running right now on this data directory, if any. */
        OptionalLong runningPostmaster() throws IOException {
            OptionalLong pid = recordedPostmasterPid(data);
            if (pid.isPresent() && ProcessInfo.isPostmasterOf(pid.getAsLong(), data)) {
                return pid;
            }
            return OptionalLong.empty();
        }

        /**
         * Clears what a killed run left. Called with the lock held, so no live Meridian owns either: a
         * still-running server is an orphan, and a pid file naming no server of ours is stale (PostgreSQL
         * would trust it when the pid now belongs to a zombie or to another process of the same user).
         * Removing a stale pid file is safe: PostgreSQL also keys its shared memory by the data
         * directory's inode and refuses to start while any old backend is still attached to it.
         */
        void clearLeftovers() throws IOException {
            OptionalLong orphan = runningPostmaster();
            if (orphan.isPresent()) {
                LOG.log(Level.WARNING, "stopping PostgreSQL (pid " + orphan.getAsLong() + ") still running in " + data
                        + " after the Meridian that started it exited without stopping it");
                pgCtlStop(orphan.getAsLong());
                return;
            }
            OptionalLong stale = recordedPostmasterPid(data);
            Path pidFile = data.resolve("postmaster.pid");
            if (Files.exists(pidFile)) {
                Files.delete(pidFile);
                LOG.log(Level.INFO, "removed the stale postmaster.pid (pid "
                        + stale.stream().mapToObj(Long::toString).findFirst().orElse("unreadable")
                        + ") of a PostgreSQL that was killed, in " + data);
            }
        }

        /** Starts the server and returns its port. */
        int startServer() throws IOException {
            for (int attempt = 1; ; attempt++) {
                int port = freeLoopbackPort();
                long logOffset = Files.exists(logFile()) ? Files.size(logFile()) : 0;
                // No Unix socket: its default directory is not ours to write, and TCP on loopback is all we use.
                String serverOptions = "-p " + port + " -c listen_addresses=" + HOST + " -c unix_socket_directories=";
                Result r = run(binaries.program("pg_ctl"), List.of("start", "-D", data.toString(), "-l",
                        logFile().toString(), "-w", "-t", Integer.toString(START_TIMEOUT_SECONDS), "-o", serverOptions),
                        Map.of());
                if (r.exit() == 0) {
                    return port;
                }
                String tail = logTail(logOffset);
                IllegalStateException failure = new IllegalStateException("PostgreSQL did not start in " + data
                        + " (pg_ctl exit " + r.exit() + ": " + r.output().strip() + "); last lines of " + logFile()
                        + ":\n" + tail);
                stopServer(failure);
                if (attempt < PORT_ATTEMPTS && tail.contains("Address already in use")) {
                    LOG.log(Level.INFO, "port " + port + " was taken before PostgreSQL could bind it; trying another");
                    continue;
                }
                throw failure;
            }
        }

        /** Stops a server that a failed start may have left running; problems are added to {@code failure}. */
        void stopServer(Exception failure) {
            try {
                OptionalLong pid = runningPostmaster();
                if (pid.isPresent()) {
                    pgCtlStop(pid.getAsLong());
                }
            } catch (IOException | RuntimeException e) {
                failure.addSuppressed(e);
            }
        }

        void pgCtlStop(long pid) {
            Result r = run(binaries.program("pg_ctl"), List.of("stop", "-D", data.toString(), "-m", "fast", "-w",
                    "-t", Integer.toString(STOP_TIMEOUT_SECONDS)), Map.of());
            if (r.exit() != 0) {
                throw new IllegalStateException("could not stop PostgreSQL (pid " + pid + ") in " + data + " (pg_ctl exit "
                        + r.exit() + ": " + r.output().strip() + "); last lines of " + logFile() + ":\n" + logTail(0));
            }
        }

        /** The last lines of the server log written after {@code offset}, or a note saying why there are none. */
        String logTail(long offset) {
            Path log = logFile();
            try (RandomAccessFile f = new RandomAccessFile(log.toFile(), "r")) {
                long from = Math.min(offset, f.length());
                byte[] bytes = new byte[(int) Math.min(f.length() - from, 1 << 20)];
                f.seek(f.length() - bytes.length);
                f.readFully(bytes);
                String text = new String(bytes, StandardCharsets.UTF_8);
                return text.isBlank() ? "(the log is empty)" : lastLines(text);
            } catch (IOException e) {
                return "(could not read " + log + ": " + e + ")";
            }
        }

        private Result run(Path program, List<String> args, Map<String, String> extraEnv) {
            ProcessBuilder pb = new ProcessBuilder(osUser.command(program, args)).redirectErrorStream(true);
            // PG* variables of the caller's shell (PGPORT, PGDATA, PGOPTIONS...) must not steer our server.
            pb.environment().keySet().removeIf(k -> k.startsWith("PG"));
            pb.environment().putAll(extraEnv);
            try {
                Process p = pb.start();
                p.getOutputStream().close();
                String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                return new Result(p.waitFor(), output);
            } catch (IOException e) {
                throw new UncheckedIOException("could not run " + program + ": " + e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while running " + program, e);
            }
        }
    }

    private record Result(int exit, String output) {
    }

    /** The pid on the first line of {@code postmaster.pid}, if the file exists and that line is a number. */
    private static OptionalLong recordedPostmasterPid(Path data) throws IOException {
        try {
            String first = Files.readAllLines(data.resolve("postmaster.pid"), StandardCharsets.US_ASCII)
                    .stream().findFirst().orElse("").strip();
            return first.matches("\\d{1,10}") ? OptionalLong.of(Long.parseLong(first)) : OptionalLong.empty();
        } catch (NoSuchFileException e) {
            return OptionalLong.empty();
        }
    }

    private static String lastLines(String text) {
        List<String> lines = Arrays.asList(text.strip().split("\\R"));
        return lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()).stream()
                .collect(Collectors.joining("\n"));
    }

    private static String newPassword() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static int freeLoopbackPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            return s.getLocalPort();
        }
    }

    /** What /proc says about a process; Linux only, like the bundled binaries. */
    static final class ProcessInfo {
        private ProcessInfo() {
        }

        /** True if {@code pid} exists and is not a zombie (a zombie still answers kill(pid, 0)). */
        static boolean isRunning(long pid) {
            try {
                String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
                char state = stat.substring(stat.lastIndexOf(')') + 2).charAt(0);
                return state != 'Z' && state != 'X';
            } catch (NoSuchFileException e) {
                return false;
            } catch (IOException e) {
                throw new UncheckedIOException("could not read the state of process " + pid, e);
            }
        }

        /** True if {@code pid} is a running postgres whose working directory is {@code data} (the postmaster chdirs there). */
        static boolean isPostmasterOf(long pid, Path data) throws IOException {
            if (!isRunning(pid)) {
                return false;
            }
            Path proc = Path.of("/proc", Long.toString(pid));
            try {
                String exe = Files.readSymbolicLink(proc.resolve("exe")).getFileName().toString();
                Path cwd = Files.readSymbolicLink(proc.resolve("cwd"));
                // " (deleted)" is appended when the binary was removed from the cache while running.
                return exe.startsWith("postgres") && cwd.equals(data.toRealPath());
            } catch (NoSuchFileException | AccessDeniedException e) {
                // Gone meanwhile, or another user's process: either way not a server of ours.
                return false;
            }
        }
    }

    @Override
    public String toString() {
        return "EmbeddedPostgresServer[" + dataDir + ", " + HOST + ":" + port + ", pid " + postmasterPid + "]";
    }

}
