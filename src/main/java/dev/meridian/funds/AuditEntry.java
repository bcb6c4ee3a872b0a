package dev.meridian.funds;

/** One audited change: who, when (UTC epoch ms), what, and the state before and after as JSON text. */
public record AuditEntry(long atMs, String who, String what, String beforeJson, String afterJson) {
}
