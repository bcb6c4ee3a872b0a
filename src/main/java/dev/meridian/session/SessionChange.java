package dev.meridian.session;

import dev.meridian.core.SessionLabel;

/** Published when the session of event time changes. */
public record SessionChange(SessionLabel session, long timeMs) {
}
