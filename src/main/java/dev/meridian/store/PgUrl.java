package dev.meridian.store;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Where a PostgreSQL server is and how to log in: the parsed form of {@code MERIDIAN_PG_URL},
 * {@code postgresql://user:password@host[:port]/database} ({@code postgres://} too; port 5432 by default;
 * user, password and database percent-decoded; an IPv6 host in brackets).
 *
 * <p>The password is secret: {@link #toString()} leaves it out, and no parse error quotes any part of
 * the URL, since a malformed one may have the password anywhere in it.
 */
record PgUrl(String host, int port, String database, String user, String password) {

    static final String ENV = "MERIDIAN_PG_URL";
    private static final int DEFAULT_PORT = 5432;

    static PgUrl parse(String url) {
        String rest;
        if (url.startsWith("postgresql://")) {
            rest = url.substring("postgresql://".length());
        } else if (url.startsWith("postgres://")) {
            rest = url.substring("postgres://".length());
        } else {
            throw bad("it must start with postgresql://");
        }
        int slash = rest.indexOf('/');
        if (slash < 0) {
            throw bad("the database is missing");
        }
        String authority = rest.substring(0, slash);
        String path = rest.substring(slash + 1);
        if (path.contains("?") || path.contains("#")) {
            throw bad("query parameters and fragments are not supported");
        }
        // The last '@' ends the credentials, so an unescaped '@' in the password still works.
        int at = authority.lastIndexOf('@');
        if (at < 0) {
            throw bad("user and password are missing");
        }
        String userInfo = authority.substring(0, at);
        String hostPort = authority.substring(at + 1);
        int colon = userInfo.indexOf(':');
        if (colon <= 0) {
            throw bad("user and password are missing");
        }
        String user = decode(userInfo.substring(0, colon), "user");
        String password = decode(userInfo.substring(colon + 1), "password");

        String host;
        String portText;
        if (hostPort.startsWith("[")) {
            int close = hostPort.indexOf(']');
            if (close < 0) {
                throw bad("the IPv6 host lacks its closing ]");
            }
            host = hostPort.substring(1, close);
            String after = hostPort.substring(close + 1);
            if (!after.isEmpty() && !after.startsWith(":")) {
                throw bad("only :port may follow the IPv6 host");
            }
            portText = after.isEmpty() ? null : after.substring(1);
        } else {
            int portColon = hostPort.lastIndexOf(':');
            host = portColon < 0 ? hostPort : hostPort.substring(0, portColon);
            portText = portColon < 0 ? null : hostPort.substring(portColon + 1);
        }
        if (host.isEmpty()) {
            throw bad("the host is missing");
        }
        int port = DEFAULT_PORT;
        if (portText != null) {
            if (!portText.matches("\\d{1,5}") || Integer.parseInt(portText) < 1 || Integer.parseInt(portText) > 65535) {
                throw bad("the port must be a number from 1 to 65535");
            }
            port = Integer.parseInt(portText);
        }
        String database = decode(path, "database");
        if (database.isEmpty() || database.contains("/")) {
            throw bad("the database must be one non-empty name");
        }
        return new PgUrl(host, port, database, user, password);
    }

    /** The JDBC URL, without credentials. */
    String jdbcUrl() {
        String h = host.contains(":") ? "[" + host + "]" : host;
        return "jdbc:postgresql://" + h + ":" + port + "/" + database;
    }

    @Override
    public String toString() {
        return "postgresql://" + user + "@" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port + "/" + database;
    }

    private static IllegalArgumentException bad(String why) {
        return new IllegalArgumentException(ENV + " must look like postgresql://user:password@host:port/database"
                + " (special characters percent-encoded): " + why);
    }

    private static String decode(String s, String what) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%') {
                if (i + 2 >= s.length() || Character.digit(s.charAt(i + 1), 16) < 0
                        || Character.digit(s.charAt(i + 2), 16) < 0) {
                    throw bad("the " + what + " has a % not followed by two hex digits");
                }
                bytes.write(Character.digit(s.charAt(i + 1), 16) * 16 + Character.digit(s.charAt(i + 2), 16));
                i += 2;
            } else {
                int codePoint = s.codePointAt(i);
                bytes.writeBytes(new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8));
                i += Character.charCount(codePoint) - 1;
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray()))
                    .toString();
        } catch (CharacterCodingException e) {
            throw bad("the " + what + " is not valid UTF-8 once percent-decoded");
        }
    }
}
