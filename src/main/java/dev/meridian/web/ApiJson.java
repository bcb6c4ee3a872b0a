package dev.meridian.web;

import dev.meridian.core.Fill;
import dev.meridian.core.Order;
import dev.meridian.core.OrderRejected;
import dev.meridian.funds.AuditEntry;
import dev.meridian.learning.LearningState;
import dev.meridian.learning.ModeBandit;
import dev.meridian.market.MarketStatus;
import dev.meridian.portfolio.ClosedTrade;
import dev.meridian.portfolio.EquityHistory;
import dev.meridian.portfolio.PortfolioSnapshot;
import dev.meridian.learning.KpiGate;
import dev.meridian.learning.KpiGates;
import dev.meridian.learning.KpiList;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.util.List;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The public API's JSON shapes (DESIGN.md): snake_case names, money as JSON numbers at full
 * precision, times ISO-8601 UTC with milliseconds. A trade's fields are in the order of the
 * backtest's trades.csv.
 */
public final class ApiJson {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private ApiJson() {
    }

    public static String time(long ms) { return TIME.format(Instant.ofEpochMilli(ms)); }

    public static JsonObject trade(ClosedTrade t) {
        return new JsonObject()
                .put("entry_time", time(t.entryTimeMs())).put("exit_time", time(t.exitTimeMs()))
                .put("symbol", t.symbol()).put("asset_class", t.assetClass().name()).put("mode", t.mode().name())
                .put("regime", t.regime().name()).put("session", t.session().name()).put("side", t.side().name())
                .put("qty", t.qty()).put("entry_price", t.entryPrice()).put("exit_price", t.exitPrice())
                .put("stop_price", t.stopPrice()).put("leverage", t.leverage()).put("equity_before", t.equityBefore())
                .put("size_usd", t.sizeUsd()).put("risk_usd", t.riskUsd()).put("signal_score", t.signalScore())
                .put("good_setup", t.goodSetup()).put("gross_pnl", t.grossPnl()).put("fees", t.fees())
                .put("slippage", t.slippage()).put("net_pnl", t.netPnl()).put("net_return_pct", t.netReturnPct())
                .put("reward_points", t.rewardPoints()).put("paper", t.paper()).put("bound_by", t.boundBy()).put("id", t.id());
    }

    /** {@code GET /api/equity}: {@code {points: [{at, total_equity, sub_ledgers: {SPOT: ..}}]}}, oldest first. */
    public static JsonObject equity(EquityHistory h) {
        JsonArray points = new JsonArray();
        for (EquityHistory.Point p : h.points()) {
            JsonObject ledgers = new JsonObject();
            p.subLedgers().forEach((c, v) -> ledgers.put(c.name(), v));
            points.add(new JsonObject().put("at", time(p.timeMs())).put("total_equity", p.totalEquity()).put("sub_ledgers", ledgers));
        }
        return new JsonObject().put("points", points);
    }

    public static JsonObject portfolio(PortfolioSnapshot s) {
        JsonArray ledgers = new JsonArray();
        for (PortfolioSnapshot.SubLedgerView l : s.subLedgers()) {
            ledgers.add(new JsonObject().put("asset_class", l.assetClass().name()).put("equity", l.equity())
                    .put("cash", l.cash()).put("cap", l.cap()).put("realized_net_pnl", l.realizedNetPnl())
                    .put("unrealized_pnl", l.unrealizedPnl()).put("halted", l.halted()));
        }
        JsonArray positions = new JsonArray();
        for (PortfolioSnapshot.PositionView p : s.positions()) {
            positions.add(new JsonObject().put("symbol", p.symbol()).put("asset_class", p.assetClass().name())
                    .put("side", p.side().name()).put("qty", p.qty()).put("entry_price", p.entryPrice())
                    .put("stop_price", p.stopPrice()).put("last_price", p.lastPrice())
                    .put("unrealized_pnl", p.unrealizedPnl()).put("entry_time", time(p.entryTimeMs())).put("paper", p.paper())
                    .put("leverage", p.leverage()));
        }
        return new JsonObject().put("total_equity", s.totalEquity()).put("sub_ledgers", ledgers).put("positions", positions);
    }

    /**
     * {@code GET /api/kpis}. JSON has no infinities: a ratio that is +∞ (no dispersion, no loss or no
     * drawdown to divide by) or undefined (NaN, e.g. no trades) is {@code null}; {@code pass} says
     * how the gate read it and {@code reasons} say why a pair may not go live.
     */
    public static JsonObject kpis(KpiList list) {
        JsonArray rows = new JsonArray();
        for (KpiGates.Row r : list.rows()) {
            var k = r.report();
            JsonObject evidence = new JsonObject();
            k.evidence().forEach((src, n) -> evidence.put(src.name(), n));
            rows.add(new JsonObject()
                    .put("asset_class", r.assetClass().name()).put("mode", r.mode().name())
                    .put("trades", k.trades()).put("sharpe", finite(k.sharpe())).put("sortino", finite(k.sortino()))
                    .put("calmar", finite(k.calmar())).put("max_drawdown", finite(k.maxDrawdown()))
                    .put("expectancy", finite(k.expectancy())).put("win_rate", finite(k.winRate()))
                    .put("profit_factor", finite(k.profitFactor())).put("days", k.days())
                    .put("thresholds", new JsonObject(KpiGate.thresholdsJson(r.thresholds())))
                    .put("pass", new JsonObject(new java.util.LinkedHashMap<>(r.verdict().pass())))
                    .put("eligible_live", r.verdict().eligibleLive())
                    .put("reasons", new JsonArray(r.verdict().reasons()))
                    .put("evidence", evidence));
        }
        return new JsonObject().put("as_of", list.asOfMs() == 0 ? null : time(list.asOfMs()))
                .put("window_days", list.windowDays()).put("kpis", rows);
    }

    /**
     * {@code GET /api/learning}: the AUTO selector and, per context it has decided or learned in,
     * each mode's posterior estimate and uncertainty (sd) in reward points (see RewardSystem),
     * its effective (decayed) number of trades, picks and pick rate, and how often it stayed flat.
     */
    public static JsonObject learning(LearningState l) {
        JsonObject out = new JsonObject().put("selector", l.selector()).put("seed", l.seed())
                .put("last_trade_id", l.lastTradeId())
                .put("reward", "points = 100 * tanh(net_return_pct / 2)");
        l.params().ifPresent(p -> out.put("params", new JsonObject().put("decay", p.decay())
                .put("prior_strength", p.priorStrength()).put("prior_sd_points", p.priorSd())));
        JsonArray contexts = new JsonArray();
        for (LearningState.ContextView c : l.contexts()) {
            JsonArray modes = new JsonArray();
            for (ModeBandit.ArmView a : c.arms()) {
                modes.add(new JsonObject().put("mode", a.mode().name()).put("estimate", a.estimate())
                        .put("uncertainty", a.uncertainty()).put("effective_trades", a.effectiveN())
                        .put("picks", a.pulls()).put("pick_rate", a.pickRate()));
            }
            contexts.add(new JsonObject().put("asset_class", c.context().assetClass().name())
                    .put("regime", c.context().regime().name()).put("session", c.context().session().name())
                    .put("decisions", c.decisions()).put("stayed_flat", c.stayedFlat())
                    .put("stayed_flat_rate", c.decisions() == 0 ? 0.0 : (double) c.stayedFlat() / c.decisions())
                    .put("modes", modes));
        }
        LearningState.ScoreView sv = l.score();
        JsonObject weights = new JsonObject();
        for (int i = 0; i < sv.weights().length; i++) weights.put(sv.features().get(i), sv.weights()[i]);
        out.put("signal_score", new JsonObject().put("source", sv.inUse() ? "model" : "hand_weighted")
                .put("trades_learned", sv.tradesLearned()).put("min_trades", sv.minTrades())
                .put("base_rate", sv.baseRate()).put("weights", weights).put("intercept", sv.intercept()));
        return out.put("contexts", contexts);
    }

    private static Double finite(double x) { return Double.isFinite(x) ? x : null; }

    /** A booked fill, for the dashboard's recent orders. */
    public static JsonObject fill(Fill f) {
        Order o = f.order();
        return new JsonObject().put("status", "FILLED").put("order_id", o.id()).put("at", time(f.timeMs()))
                .put("symbol", o.symbol()).put("asset_class", o.assetClass().name()).put("side", o.side().name())
                .put("entry", o.entry()).put("mode", o.mode().name()).put("qty", f.qty()).put("price", f.price())
                .put("fee", f.fee()).put("slippage", f.slippage()).put("paper", o.paper());
    }

    /** A refused order, with the stage that refused it and why. */
    public static JsonObject rejection(OrderRejected r) {
        return new JsonObject().put("status", "REJECTED").put("order_id", r.orderId()).put("at", time(r.timeMs()))
                .put("symbol", r.symbol()).put("asset_class", r.assetClass().name()).put("side", r.side().name())
                .put("entry", r.entry()).put("stage", r.stage()).put("reason", r.reason());
    }

    public static JsonObject audit(AuditEntry e) {
        return new JsonObject().put("at", time(e.atMs())).put("who", e.who()).put("what", e.what())
                .put("before", new JsonObject(e.beforeJson())).put("after", new JsonObject(e.afterJson()));
    }

    public static JsonObject market(MarketStatus m) {
        return new JsonObject().put("source", m.source()).put("mode", m.mode()).put("state", m.state())
                .put("last_seq", m.lastSeq()).put("events_processed", m.eventsProcessed())
                .put("skipped_rows", m.skippedRows())
                .put("connections", new JsonArray(m.connections().stream().map(c -> new JsonObject()
                        .put("category", c.category()).put("state", c.state()).put("reconnects", c.reconnects())
                        .put("last_message_time", c.lastMessageMs() > 0 ? time(c.lastMessageMs()) : null)
                        .put("failed_topics", new JsonArray(c.failedTopics()))).toList()))
                .put("stale_symbols", new JsonArray(List.copyOf(m.staleSymbols())))
                .put("counters", new JsonObject(new java.util.TreeMap<String, Object>(m.counters())));
    }
}
