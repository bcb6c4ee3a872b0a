package dev.meridian.notify;

import dev.meridian.core.AssetClass;
import dev.meridian.exchange.ExecStatus;
import dev.meridian.funds.FundsState;
import dev.meridian.market.MarketStatus;
import dev.meridian.core.RiskState;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Turns the state streams (risk halts, funds controls, market-data status, live venues) into the
 * few messages worth a notification: a change, not every repetition. Each {@code on*} method
 * returns the messages for the step from the last state it saw to the new one and remembers the
 * new one; {@code seed*} remembers a state without any message (the state at start-up, so that a
 * condition that already held is not announced as new). Pure; not thread-safe.
 *
 * <p>Health rules: a market-data connection is bad while it is RECONNECTING or STOPPED or has
 * failed topics (CONNECTING at start is not a failure yet); the source is bad while FAILED; a live
 * venue is bad while not ready. A message goes out when a thing turns bad and when it turns good
 * again; the end of a replay is announced once.
 */
final class Transitions {
    private Map<AssetClass, String> halts;
    private FundsState funds;
    private String marketState;
    private final Map<String, String> badConnections = new HashMap<>();
    private final Map<String, Boolean> venueReady = new HashMap<>();

    void seedRisk(RiskState s) { if (halts == null) halts = new EnumMap<>(norm(s.halts())); }

    void seedFunds(FundsState s) { if (funds == null) funds = s; }

    List<String> onRisk(RiskState s) {
        Map<AssetClass, String> before = halts == null ? Map.of() : halts;
        Map<AssetClass, String> after = new EnumMap<>(norm(s.halts()));
        List<String> out = new ArrayList<>();
        after.forEach((c, reason) -> {
            if (!Objects.equals(before.get(c), reason)) out.add(TelegramFormat.halted(c, reason));
        });
        for (AssetClass c : before.keySet()) {
            if (!after.containsKey(c)) out.add(TelegramFormat.haltLifted(c));
        }
        halts = after;
        return out;
    }

    List<String> onFunds(FundsState s) {
        FundsState before = funds;
        funds = s;
        return s.equals(before) ? List.of() : List.of(TelegramFormat.fundsChanged(before, s));
    }

    List<String> onMarket(MarketStatus m) {
        List<String> out = new ArrayList<>();
        String source = "market data " + m.source();
        if (!m.state().equals(marketState)) {
            if (m.state().equals("FAILED")) out.add(TelegramFormat.connectorDown(source, "FAILED"));
            else if ("FAILED".equals(marketState)) out.add(TelegramFormat.connectorUp(source, m.state()));
            else if (m.state().equals("ENDED")) out.add(TelegramFormat.connectorUp(source, "replay ENDED (the dashboard keeps serving)"));
            marketState = m.state();
        }
        for (MarketStatus.Connection c : m.connections()) {
            String key = source + " " + c.category();
            String problem = problem(c);
            String was = badConnections.get(key);
            if (problem != null && !problem.equals(was)) {
                out.add(TelegramFormat.connectorDown(key, problem));
                badConnections.put(key, problem);
            } else if (problem == null && was != null && c.state().equals("CONNECTED")) {
                out.add(TelegramFormat.connectorUp(key, "CONNECTED (" + c.reconnects() + " reconnects so far)"));
                badConnections.remove(key);
            }
        }
        return out;
    }

    List<String> onExec(ExecStatus s) {
        List<String> out = new ArrayList<>();
        for (ExecStatus.Venue v : s.venues()) {
            Boolean was = venueReady.put(v.name(), v.ready());
            // The first sight of a venue that is not ready is news too: a live connector that never came up.
            if (!v.ready() && (was == null || was)) out.add(TelegramFormat.connectorDown("live venue " + v.name(), v.status()));
            else if (v.ready() && was != null && !was) out.add(TelegramFormat.connectorUp("live venue " + v.name(), v.status()));
        }
        return out;
    }

    private static String problem(MarketStatus.Connection c) {
        boolean down = c.state().equals("RECONNECTING") || c.state().equals("STOPPED");
        if (!down && c.failedTopics().isEmpty()) return null;
        String p = c.state();
        if (!c.failedTopics().isEmpty()) p += ", failed topics " + String.join(", ", c.failedTopics());
        return p;
    }

    private static Map<AssetClass, String> norm(Map<AssetClass, String> m) {
        return m.isEmpty() ? new EnumMap<>(AssetClass.class) : new EnumMap<>(m);
    }
}
