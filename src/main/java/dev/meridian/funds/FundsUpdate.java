package dev.meridian.funds;

import java.util.Map;

/** A request to change the funds controls: who asks (for the audit) and the partial change. */
public record FundsUpdate(String who, Map<String, Object> change) {
}
