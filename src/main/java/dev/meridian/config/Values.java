package dev.meridian.config;

import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parsing and checking of the value kinds that appear both in files and in the environment (URLs,
 * times of day, weekly times), plus the immutable enum collections the records hold. Each parse
 * method throws {@link IllegalArgumentException} whose message is the bare requirement
 * ("must be ..."), which callers prefix with the file and JSON path or the variable name.
 */
final class Values {
    static final Set<String> HTTP = Set.of("https", "http");
    static final Set<String> WS = Set.of("wss", "ws");
    static final int MINUTES_PER_DAY = 24 * 60;
    static final int MINUTES_PER_WEEK = 7 * MINUTES_PER_DAY;
    private static final Pattern HH_MM = Pattern.compile("([01]\\d|2[0-3]):([0-5]\\d)|24:00");
    private static final Pattern DAY_HH_MM = Pattern.compile("(MON|TUE|WED|THU|FRI|SAT|SUN) (([01]\\d|2[0-3]):[0-5]\\d)");
    private static final String[] DAYS = {"MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN"};

    private Values() {}

    /**
     * An absolute URL with one of {@code schemes}, a host, and no credentials, query or fragment.
     * Trailing slashes are dropped so clients can append paths ("/v5/public/spot") without doubling them.
     */
    static URI url(String text, Set<String> schemes) {
        String t = text;
        while (t.endsWith("/")) t = t.substring(0, t.length() - 1);
        URI uri;
        try {
            uri = new URI(t);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(urlRequirement(schemes));
        }
        requireUrl(uri, schemes);
        return uri;
    }

    /** Checks a URL the way {@link #url} does; records call it so code cannot build what a file may not hold. */
    static URI requireUrl(String name, URI uri, Set<String> schemes) {
        Objects.requireNonNull(uri, name);
        try {
            requireUrl(uri, schemes);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + " " + e.getMessage() + ", got \"" + uri + "\"");
        }
        return uri;
    }

    private static void requireUrl(URI uri, Set<String> schemes) {
        if (uri.getScheme() == null || !schemes.contains(uri.getScheme().toLowerCase(Locale.ROOT))
                || uri.getHost() == null || uri.getQuery() != null || uri.getFragment() != null) {
            throw new IllegalArgumentException(urlRequirement(schemes));
        }
        // Credentials in a URL would be printed wherever the URL is; they belong in the MERIDIAN_* secrets.
        if (uri.getUserInfo() != null) throw new IllegalArgumentException("must not contain user:password@");
    }

    private static String urlRequirement(Set<String> schemes) {
        String s = schemes.equals(WS) ? "wss or ws" : "https or http";
        return "must be an absolute " + s + " URL without query or fragment";
    }

    /** "HH:MM" as minutes after midnight; "24:00" (1440) only when {@code endOfDay} is allowed. */
    static int minuteOfDay(String text, boolean endOfDay) {
        Matcher m = HH_MM.matcher(text);
        if (!m.matches() || (!endOfDay && text.equals("24:00"))) {
            throw new IllegalArgumentException("must be a time \"HH:MM\" in 00:00.." + (endOfDay ? "24:00" : "23:59"));
        }
        return text.equals("24:00") ? MINUTES_PER_DAY : Integer.parseInt(m.group(1)) * 60 + Integer.parseInt(m.group(2));
    }

    /** "FRI 22:00" as minutes after Monday 00:00 UTC. */
    static int minuteOfWeek(String text) {
        Matcher m = DAY_HH_MM.matcher(text);
        if (!m.matches()) throw new IllegalArgumentException("must be a weekly time \"DDD HH:MM\" (DDD one of MON..SUN)");
        int day = Arrays.asList(DAYS).indexOf(m.group(1));
        return day * MINUTES_PER_DAY + minuteOfDay(m.group(2), false);
    }

    static String formatMinuteOfDay(int minute) { return String.format(Locale.ROOT, "%02d:%02d", minute / 60, minute % 60); }

    static String formatMinuteOfWeek(int minute) {
        return DAYS[minute / MINUTES_PER_DAY] + " " + formatMinuteOfDay(minute % MINUTES_PER_DAY);
    }

    /** A replay speed as the CLI takes it: "max" or a positive number (a multiple of real time). */
    static String speed(String text) {
        if (text.equals("max")) return text;
        try {
            if (new BigDecimal(text).signum() > 0) return text;
        } catch (NumberFormatException e) {
            // falls through to the requirement below
        }
        throw new IllegalArgumentException("must be \"max\" or a positive number");
    }

    static <K extends Enum<K>, V> Map<K, V> enumMap(Class<K> type, Map<K, V> source, String name) {
        Objects.requireNonNull(source, name);
        EnumMap<K, V> copy = new EnumMap<>(type);
        source.forEach((k, v) -> copy.put(Objects.requireNonNull(k, name), Objects.requireNonNull(v, name)));
        return Collections.unmodifiableMap(copy);
    }

    static <E extends Enum<E>> Set<E> enumSet(Class<E> type, Collection<E> source, String name) {
        Objects.requireNonNull(source, name);
        EnumSet<E> copy = EnumSet.noneOf(type);
        source.forEach(e -> copy.add(Objects.requireNonNull(e, name)));
        return Collections.unmodifiableSet(copy);
    }

    /** Throws naming the first member of {@code type} that {@code map} lacks. */
    static <K extends Enum<K>> void requireAllKeys(Class<K> type, Map<K, ?> map, String name) {
        for (K k : type.getEnumConstants()) {
            if (!map.containsKey(k)) throw new IllegalArgumentException(name + "." + k + " is missing");
        }
    }
}
