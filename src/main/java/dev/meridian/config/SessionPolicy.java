package dev.meridian.config;

import dev.meridian.core.AssetClass;
import dev.meridian.core.SessionLabel;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * policies/session_policy.json. Invariant: the session windows tile the UTC day, with no gap and
 * no overlap, so every instant belongs to exactly one session.
 *
 * @param sessions     a profile for every session label
 * @param assetFactors extra multipliers per asset class and session; absent pairs are {@link SessionFactors#NONE}
 * @param forexClosed  when the forex market is shut (no new forex entries)
 */
public record SessionPolicy(Map<SessionLabel, SessionProfile> sessions,
                            Map<AssetClass, Map<SessionLabel, SessionFactors>> assetFactors,
                            WeeklyWindow forexClosed) {
    public SessionPolicy {
        sessions = Values.enumMap(SessionLabel.class, sessions, "sessions");
        Values.requireAllKeys(SessionLabel.class, sessions, "sessions");
        sessions.forEach((label, p) -> {
            if (p.label() != label) throw new IllegalArgumentException("sessions." + label + " holds the profile of " + p.label());
        });
        List<String> tiling = tilingProblems(sessions.values());
        if (!tiling.isEmpty()) throw new IllegalArgumentException("sessions must tile the day: " + String.join("; ", tiling));
        Map<AssetClass, Map<SessionLabel, SessionFactors>> copy = new EnumMap<>(AssetClass.class);
        Values.enumMap(AssetClass.class, assetFactors, "asset_factors")
                .forEach((c, m) -> copy.put(c, Values.enumMap(SessionLabel.class, m, "asset_factors." + c)));
        assetFactors = Collections.unmodifiableMap(copy);
        Objects.requireNonNull(forexClosed, "forexClosed");
    }

    /** Gaps and overlaps of the windows, each as a phrase; empty when they tile 00:00–24:00. */
    private static List<String> tilingProblems(Iterable<SessionProfile> profiles) {
        List<SessionProfile> sorted = new ArrayList<>();
        profiles.forEach(sorted::add);
        sorted.sort(Comparator.comparingInt(SessionProfile::startMinute));
        List<String> out = new ArrayList<>();
        int coveredUntil = 0;
        SessionProfile last = null; // the window reaching furthest so far
        for (SessionProfile p : sorted) {
            if (p.startMinute() > coveredUntil) {
                out.add(Values.formatMinuteOfDay(coveredUntil) + "–" + Values.formatMinuteOfDay(p.startMinute()) + " is in no session");
            } else if (p.startMinute() < coveredUntil) {
                int overlapEnd = Math.min(coveredUntil, p.endMinute());
                out.add(last.label() + " " + last.window() + " and " + p.label() + " " + p.window() + " overlap at "
                        + Values.formatMinuteOfDay(p.startMinute()) + "–" + Values.formatMinuteOfDay(overlapEnd));
            }
            if (p.endMinute() > coveredUntil) {
                coveredUntil = p.endMinute();
                last = p;
            }
        }
        if (coveredUntil < Values.MINUTES_PER_DAY) {
            out.add(Values.formatMinuteOfDay(coveredUntil) + "–24:00 is in no session");
        }
        return out;
    }

    /** The session that {@code t} falls in (UTC). */
    public SessionLabel labelAt(Instant t) {
        ZonedDateTime utc = t.atZone(ZoneOffset.UTC);
        int minute = utc.getHour() * 60 + utc.getMinute();
        for (SessionProfile p : sessions.values()) {
            if (p.contains(minute)) return p.label();
        }
        throw new IllegalStateException("no session at " + t + " although the windows tile the day");
    }

    /** The session's profile for {@code assetClass}: the session multipliers times the class's factors there. */
    public SessionProfile profile(SessionLabel label, AssetClass assetClass) {
        SessionFactors f = assetFactors.getOrDefault(assetClass, Map.of()).getOrDefault(label, SessionFactors.NONE);
        return sessions.get(label).scaledBy(f);
    }
}
