package dev.meridian.notify;

import static dev.meridian.notify.TelegramText.escape;

import dev.meridian.core.AssetClass;
import dev.meridian.core.Fill;
import dev.meridian.core.ForexPair;
import dev.meridian.funds.FundsController;
import dev.meridian.funds.FundsState;
import dev.meridian.market.MarketStatus;
import dev.meridian.portfolio.ClosedTrade;
import dev.meridian.portfolio.PortfolioSnapshot;
import dev.meridian.learning.KpiGates;
import dev.meridian.learning.KpiList;
import dev.meridian.core.RiskState;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The owner's Telegram messages, as HTML-mode text. Pure functions of the records they show.
 *
 * <p>Invariants: every value taken from a record is passed through {@link TelegramText#escape};
 * the only markup is {@code <b>}/{@code <i>}, each opened and closed on one line, so that
 * {@link TelegramText#split} may cut between any two lines. Money is shown with 2 decimals (the
 * ledger keeps full precision), prices and quantities as booked. A {@code null} argument of a
 * command reply means "that module did not answer" and is shown as unavailable, not as zero.
 */
public final class TelegramFormat {
    private TelegramFormat() {
    }

    public static final String HELP = String.join("\n",
            "<b>Meridian commands</b>",
            "/status - market data, funds controls, halts, equity",
            "/positions - open positions",
            "/pnl - net P&amp;L per sub-ledger (today and realized)",
            "/pause - stop new entries everywhere (kill switch)",
            "/resume CONFIRM - lift the pause",
            "/help - this list",
            "<i>Allow Funds cannot be changed from Telegram.</i>");

    public static String fill(Fill f) {
        var o = f.order();
        return "<b>Fill</b> " + escape(o.side()) + " " + plain(f.qty()) + " " + escape(o.symbol()) + " @ " + plain(f.price())
                + "\n" + escape(o.assetClass()) + " · " + escape(o.mode()) + " · " + (o.entry() ? "entry" : "exit")
                + " · " + (o.paper() ? "paper" : "LIVE")
                // A forex fill's fee is USD, its slippage in the pair's quote currency (the trade books it in USD).
                + (o.assetClass() == AssetClass.FOREX
                ? "\nfee " + money(f.fee()) + " USD, slippage " + money(f.slippage()) + " " + escape(ForexPair.parse(o.symbol()).quote())
                : "\nfee " + money(f.fee()) + ", slippage " + money(f.slippage()));
    }

    public static String closedTrade(ClosedTrade t) {
        return "<b>Trade closed</b> " + escape(t.symbol()) + " (" + escape(t.assetClass()) + ", " + escape(t.mode())
                + ", " + escape(t.side()) + ", " + (t.paper() ? "paper" : "LIVE") + ")"
                + "\nnet P&amp;L <b>" + signed(t.netPnl()) + "</b> USD (" + signed(t.netReturnPct()) + " %)"
                + "\ngross " + signed(t.grossPnl()) + ", fees " + money(t.fees()) + ", slippage " + money(t.slippage())
                + "\n" + plain(t.qty()) + " @ " + plain(t.entryPrice()) + " → " + plain(t.exitPrice());
    }

    public static String halted(AssetClass c, String reason) {
        return "<b>Rail halt</b> " + escape(c) + ": " + escape(reason) + "\nNo new entries in " + escape(c) + " until it lifts.";
    }

    public static String haltLifted(AssetClass c) {
        return "<b>Halt lifted</b> " + escape(c) + ": new entries allowed again.";
    }

    /** The fields that differ, one line each ({@code name: before → after}); the whole state when none does. */
    public static String fundsChanged(FundsState before, FundsState after) {
        Map<String, Object> b = before == null ? Map.of() : FundsController.toApi(before);
        Map<String, Object> a = FundsController.toApi(after);
        StringBuilder out = new StringBuilder("<b>Funds controls changed</b>");
        a.forEach((k, v) -> {
            if (!Objects.equals(b.get(k), v)) {
                out.append('\n').append(escape(k)).append(": ");
                if (b.containsKey(k)) out.append(escape(b.get(k))).append(" → ");
                out.append(escape(v));
            }
        });
        return out.toString();
    }

    public static String connectorDown(String what, String detail) {
        return "<b>Connector problem</b> " + escape(what) + ": " + escape(detail);
    }

    public static String connectorUp(String what, String detail) {
        return "<b>Connector recovered</b> " + escape(what) + ": " + escape(detail);
    }

    /** The 00:00 UTC summary of {@code day}: today's net P&amp;L per sub-ledger, the books, the KPIs. */
    public static String dailySummary(LocalDate day, Map<AssetClass, DailyPnl.Day> today, PortfolioSnapshot snap,
                                      KpiList kpis) {
        StringBuilder out = new StringBuilder("<b>Daily summary " + escape(day) + " (UTC)</b>");
        out.append("\n<b>Net P&amp;L today</b>");
        BigDecimal total = BigDecimal.ZERO;
        int trades = 0;
        for (AssetClass c : AssetClass.values()) {
            DailyPnl.Day d = today.get(c);
            if (d == null) continue;
            out.append('\n').append(escape(c)).append(": ").append(signed(d.netPnl())).append(" USD, ")
                    .append(d.trades()).append(d.trades() == 1 ? " trade" : " trades");
            total = total.add(d.netPnl());
            trades += d.trades();
        }
        out.append("\nall: ").append(signed(total)).append(" USD, ").append(trades).append(trades == 1 ? " trade" : " trades");
        out.append('\n').append(ledgers(snap));
        out.append('\n').append(kpis(kpis));
        return out.toString();
    }

    public static String status(MarketStatus market, FundsState funds, RiskState risk, PortfolioSnapshot snap) {
        StringBuilder out = new StringBuilder("<b>Status</b>");
        if (market == null) {
            out.append("\nmarket data: unavailable");
        } else {
            out.append("\nmarket data: ").append(escape(market.source())).append(" ").append(escape(market.state()));
            for (MarketStatus.Connection c : market.connections()) {
                out.append("\n  ").append(escape(c.category())).append(": ").append(escape(c.state()));
                if (!c.failedTopics().isEmpty()) out.append(", failed topics ").append(escape(String.join(", ", c.failedTopics())));
            }
            if (!market.staleSymbols().isEmpty()) out.append("\n  stale: ").append(escape(String.join(", ", market.staleSymbols())));
        }
        if (funds == null) {
            out.append("\nfunds controls: unavailable");
        } else {
            out.append("\nallow funds: ").append(funds.allowFunds() ? "ON" : "OFF (paper only)")
                    .append("\npaused: ").append(funds.paused() ? "<b>YES</b>" : "no")
                    .append("\nstrategy mode: ").append(escape(funds.strategyMode().map(Enum::name).orElse("AUTO")));
            StringBuilder on = new StringBuilder();
            for (AssetClass c : AssetClass.values()) {
                if (funds.enabled(c)) on.append(on.length() == 0 ? "" : ", ").append(c.name());
            }
            out.append("\nasset classes on: ").append(on.length() == 0 ? "none" : escape(on));
        }
        if (risk == null) {
            out.append("\nhalts: unavailable");
        } else if (risk.halts().isEmpty()) {
            out.append("\nhalts: none");
        } else {
            risk.halts().entrySet().stream().sorted(Map.Entry.comparingByKey())
                    .forEach(e -> out.append("\nhalt ").append(escape(e.getKey())).append(": ").append(escape(e.getValue())));
        }
        out.append(snap == null ? "\nequity: unavailable"
                : "\nequity: " + money(snap.totalEquity()) + " USD, " + snap.openPositions() + " open position(s)");
        return out.toString();
    }

    public static String positions(PortfolioSnapshot snap) {
        if (snap == null) return "Positions unavailable: the portfolio did not answer.";
        if (snap.positions().isEmpty()) return "<b>Positions</b>\nnone open";
        StringBuilder out = new StringBuilder("<b>Positions</b> (" + snap.positions().size() + ")");
        for (PortfolioSnapshot.PositionView p : snap.positions()) {
            out.append('\n').append(escape(p.symbol())).append(' ').append(escape(p.assetClass())).append(' ')
                    .append(escape(p.side())).append(' ').append(plain(p.qty())).append(" @ ").append(plain(p.entryPrice()))
                    .append(", last ").append(plain(p.lastPrice())).append(", stop ").append(plain(p.stopPrice()))
                    .append(", uPnL ").append(signed(p.unrealizedPnl())).append(p.paper() ? " (paper)" : " (LIVE)");
        }
        return out.toString();
    }

    public static String pnl(PortfolioSnapshot snap, Map<AssetClass, DailyPnl.Day> today) {
        StringBuilder out = new StringBuilder("<b>Net P&amp;L</b> (USD; today = since 00:00 UTC or since start-up)");
        for (AssetClass c : AssetClass.values()) {
            DailyPnl.Day d = today.get(c);
            if (d != null) out.append("\ntoday ").append(escape(c)).append(": ").append(signed(d.netPnl()))
                    .append(" (").append(d.trades()).append(d.trades() == 1 ? " trade)" : " trades)");
        }
        if (today.isEmpty()) out.append("\ntoday: no closed trade");
        out.append('\n').append(ledgers(snap));
        return out.toString();
    }

    private static String ledgers(PortfolioSnapshot snap) {
        if (snap == null) return "sub-ledgers: unavailable";
        StringBuilder out = new StringBuilder("<b>Sub-ledgers</b> (total equity " + money(snap.totalEquity()) + ")");
        for (PortfolioSnapshot.SubLedgerView l : snap.subLedgers()) {
            out.append('\n').append(escape(l.assetClass())).append(": equity ").append(money(l.equity()))
                    .append(", realized net ").append(signed(l.realizedNetPnl()))
                    .append(", unrealized ").append(signed(l.unrealizedPnl()))
                    .append(l.halted() ? ", HALTED" : "");
        }
        return out.toString();
    }

    private static String kpis(KpiList kpis) {
        if (kpis == null) return "KPIs: unavailable";
        List<KpiGates.Row> traded = kpis.rows().stream().filter(r -> r.report().trades() > 0).toList();
        if (traded.isEmpty()) return "<b>KPIs</b> (" + kpis.windowDays() + " d window)\nno trades yet";
        StringBuilder out = new StringBuilder("<b>KPIs</b> (" + kpis.windowDays() + " d window)");
        for (KpiGates.Row r : traded) {
            var k = r.report();
            out.append('\n').append(escape(r.assetClass())).append('/').append(escape(r.mode())).append(": ")
                    .append(k.trades()).append(" trades, win ").append(pct(k.winRate()))
                    .append(", PF ").append(ratio(k.profitFactor())).append(", Sharpe ").append(ratio(k.sharpe()))
                    .append(", max DD ").append(pct(k.maxDrawdown()))
                    .append(r.verdict().eligibleLive() ? ", live-eligible" : "");
        }
        return out.toString();
    }

    static String money(BigDecimal v) {
        return v == null ? "n/a" : v.setScale(2, RoundingMode.HALF_UP).toPlainString();
    }

    static String signed(BigDecimal v) {
        if (v == null) return "n/a";
        String s = money(v);
        return v.setScale(2, RoundingMode.HALF_UP).signum() > 0 ? "+" + s : s;
    }

    static String plain(BigDecimal v) {
        return v == null ? "n/a" : v.stripTrailingZeros().toPlainString();
    }

    /** KPI ratios: NaN is "undefined" and +∞ "nothing to divide by" (see KpiReport). */
    static String ratio(double v) {
        if (Double.isNaN(v)) return "n/a";
        if (Double.isInfinite(v)) return v > 0 ? "∞" : "-∞";
        return String.format(java.util.Locale.ROOT, "%.2f", v);
    }

    static String pct(double fraction) {
        if (Double.isNaN(fraction) || Double.isInfinite(fraction)) return ratio(fraction);
        return String.format(java.util.Locale.ROOT, "%.1f %%", fraction * 100);
    }
}
