package dev.meridian.funds;

import java.util.List;

/** Audit entries, newest first. */
public record AuditLog(List<AuditEntry> entries) {
}
