package dev.meridian.store;

import java.nio.file.Path;

/**
 * Runs an embedded server in a JVM of its own, so that a test can kill that JVM with SIGKILL (no
 * shutdown hook runs) and see what the next Meridian makes of the PostgreSQL it leaves behind.
 * Prints {@code READY <postmaster pid>} once the server accepts connections, then waits to be killed.
 */
public final class ServerInChildJvm {

    private ServerInChildJvm() {
    }

    public static void main(String[] args) throws InterruptedException {
        EmbeddedPostgresServer server = EmbeddedPostgresServer.start(Path.of(args[0]));
        System.out.println("READY " + server.postmasterPid());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
