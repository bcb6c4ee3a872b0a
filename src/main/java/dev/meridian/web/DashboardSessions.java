package dev.meridian.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * The dashboard's signed-in sessions, so that a browser stays signed in across a bot restart
 * (the page reconnects by itself) without ever storing a usable credential: only the SHA-256 of
 * each session id is kept, with its expiry, and {@link #serialize} writes them bound to the
 * token's hash, so a new token signs every browser out.
 *
 * <p>Thread-safe. Lookups hash the candidate and find it by that hash; a session past its expiry
 * is refused and forgotten.
 */
public final class DashboardSessions {
    /** How long a sign-in lasts; the cookie's Max-Age says the same. */
    public static final long LIFETIME_MS = 7L * 24 * 3600 * 1000;

    private final Map<String, Long> expiryByHash = new ConcurrentHashMap<>();
    private final String tokenHash;
    private final LongSupplier clock;
    private final SecureRandom random = new SecureRandom();

    public DashboardSessions(String tokenHash, LongSupplier clock) {
        this.tokenHash = tokenHash;
        this.clock = clock;
    }

    /**
     * Sessions stored by {@link #serialize}; lines that do not parse, belong to another token or
     * have expired are left out.
     */
    public static DashboardSessions restore(String tokenHash, LongSupplier clock, String stored) {
        DashboardSessions s = new DashboardSessions(tokenHash, clock);
        String[] lines = stored.split("\n");
        if (lines.length == 0 || !lines[0].trim().equals("token " + tokenHash)) return s;
        long now = clock.getAsLong();
        for (int i = 1; i < lines.length; i++) {
            String[] f = lines[i].trim().split(" ");
            if (f.length != 2 || f[0].length() != 64) continue;
            try {
                long expiry = Long.parseLong(f[1]);
                if (expiry > now) s.expiryByHash.put(f[0], expiry);
            } catch (NumberFormatException ignored) {
                // a damaged line signs one browser out, nothing more
            }
        }
        return s;
    }

    /** A new session; returns its id (for the cookie). */
    public String open() {
        byte[] raw = new byte[32];
        random.nextBytes(raw);
        String id = HexFormat.of().formatHex(raw);
        expiryByHash.put(hash(id), clock.getAsLong() + LIFETIME_MS);
        return id;
    }

    public boolean valid(String id) {
        if (id == null || id.isEmpty()) return false;
        String h = hash(id);
        Long expiry = expiryByHash.get(h);
        if (expiry == null) return false;
        if (expiry <= clock.getAsLong()) {
            expiryByHash.remove(h);
            return false;
        }
        return true;
    }

    /** The file's content: the token's hash, then a line per live session (hash, expiry ms). */
    public String serialize() {
        long now = clock.getAsLong();
        StringBuilder b = new StringBuilder("token ").append(tokenHash).append('\n');
        expiryByHash.forEach((h, e) -> {
            if (e > now) b.append(h).append(' ').append(e).append('\n');
        });
        return b.toString();
    }

    private static String hash(String id) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }
}
