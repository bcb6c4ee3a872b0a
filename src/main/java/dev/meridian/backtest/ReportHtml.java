package dev.meridian.backtest;

import dev.meridian.core.Html;
import dev.meridian.learning.Calibration;
import dev.meridian.learning.KpiReport;
import dev.meridian.portfolio.ClosedTrade;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A backtest's report.html: one self-contained page (inline style, pictures as data: URIs, nothing
 * fetched from anywhere) a trader reads top to bottom. Every piece of text from the outcome is
 * HTML-escaped. Figures are rounded for reading; summary.json and trades.csv keep full precision.
 */
final class ReportHtml {
    static final int LAST_TRADES = 50;

    private static final String STYLE = """
            body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;margin:24px;color:#1d232a;max-width:1100px}
            h1{font-size:1.5em;margin-bottom:4px}h2{font-size:1.15em;margin-top:28px;border-bottom:1px solid #d0d7de;padding-bottom:4px}
            table{border-collapse:collapse;margin:8px 0;font-size:.9em}
            th,td{border:1px solid #d0d7de;padding:3px 8px;text-align:right;white-space:nowrap}
            th{background:#f3f5f7}td.t,th.t{text-align:left}
            tr.fold th{background:#e8eef5;text-align:left}
            .pos{color:#17803d}.neg{color:#b42318}.note{background:#fff8e1;border:1px solid #f0d98c;padding:8px 12px}
            .meta{color:#57606a}img{max-width:100%;height:auto;border:1px solid #d0d7de}
            """;

    private ReportHtml() {
    }

    static String render(BacktestOutcome o, BacktestFigures f, byte[] equityPng, byte[] drawdownPng) {
        BacktestRun run = o.main();
        StringBuilder h = new StringBuilder(64 * 1024 + 2 * (equityPng.length + drawdownPng.length));
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<title>Backtest report: ").append(esc(o.source())).append("</title>\n")
                .append("<style>\n").append(STYLE).append("</style>\n</head>\n<body>\n");

        h.append("<h1>Backtest report: ").append(esc(o.source())).append("</h1>\n");
        h.append("<p class=\"meta\">Span ").append(esc(TradesCsv.time(run.fromMs()))).append(" to ")
                .append(esc(TradesCsv.time(run.toMs()))).append(" (UTC). Run: ").append(esc(run.label())).append(".</p>\n");
        h.append("<p class=\"note\">All P&amp;L figures are net of fees and slippage. Walk-forward rows are out of sample:"
                + " each is measured on a test fold the contender did not learn from.</p>\n");
        if (o.params().containsKey("options_chain")) {
            h.append("<p class=\"note\"><strong>Synthetic option prices.</strong> ").append(esc(o.params().get("options_chain")))
                    .append(". Trades on it are named SYNTHETIC.</p>\n");
        }
        params(h, o.params());

        summary(h, f);
        pairs(h, f);

        h.append("<h2>Equity</h2>\n");
        image(h, equityPng, "Equity over time (UTC)", "equity.png");
        h.append("<h2>Drawdown</h2>\n");
        image(h, drawdownPng, "Drawdown in percent from the running peak (UTC)", "drawdown.png");

        walkForward(h, f);
        calibration(h, f.calibration());
        lastTrades(h, run.trades());

        if (!f.notes().isEmpty()) {
            h.append("<h2>Notes</h2>\n<ul>\n");
            for (String n : f.notes()) h.append("<li>").append(esc(n)).append("</li>\n");
            h.append("</ul>\n");
        }
        h.append("<p class=\"meta\">&infin; means there was nothing to divide by (no dispersion, no losing day, no loss"
                + " or no drawdown); &mdash; means undefined (no trades). Drawdown, win rate and expectancy are percentages"
                + " (expectancy of each trade's size).</p>\n");
        h.append("</body>\n</html>\n");
        return h.toString();
    }

    private static void params(StringBuilder h, Map<String, String> params) {
        if (params.isEmpty()) return;
        h.append("<table>\n<tr><th class=\"t\">Parameter</th><th class=\"t\">Value</th></tr>\n");
        for (Map.Entry<String, String> e : new TreeMap<>(params).entrySet()) {
            h.append("<tr><td class=\"t\">").append(esc(e.getKey())).append("</td><td class=\"t\">")
                    .append(esc(e.getValue())).append("</td></tr>\n");
        }
        h.append("</table>\n");
    }

    private static void summary(StringBuilder h, BacktestFigures f) {
        KpiReport k = f.overall();
        h.append("<h2>Summary</h2>\n<table>\n");
        row(h, "Start equity", usd(f.startEquity()));
        row(h, "End equity", usd(f.endEquity()));
        row(h, "Net P&amp;L", signedUsd(f.netPnl()));
        row(h, "Trades", Integer.toString(f.trades()));
        row(h, "Sharpe", ratio(k.sharpe()));
        row(h, "Sortino", ratio(k.sortino()));
        row(h, "Calmar", ratio(k.calmar()));
        row(h, "Max drawdown", pct(k.maxDrawdown()));
        row(h, "Expectancy", pct(k.expectancy()));
        row(h, "Win rate", pct(k.winRate()));
        row(h, "Profit factor", ratio(k.profitFactor()));
        h.append("</table>\n<p class=\"meta\">Ratios from daily returns, annualised at ").append(f.periodsPerYear())
                .append(" periods a year.</p>\n");
    }

    private static void row(StringBuilder h, String label, String valueHtml) {
        h.append("<tr><th class=\"t\">").append(label).append("</th><td>").append(valueHtml).append("</td></tr>\n");
    }

    private static void pairs(StringBuilder h, BacktestFigures f) {
        h.append("<h2>KPIs by asset class and mode</h2>\n");
        if (f.pairs().isEmpty()) {
            h.append("<p>No trades.</p>\n");
            return;
        }
        h.append("<table>\n<tr><th class=\"t\">Asset class</th><th class=\"t\">Mode</th><th>Trades</th><th>Sharpe</th>"
                + "<th>Sortino</th><th>Calmar</th><th>Max drawdown</th><th>Expectancy</th><th>Win rate</th>"
                + "<th>Profit factor</th><th>Net P&amp;L</th></tr>\n");
        for (BacktestFigures.PairKpis p : f.pairs()) {
            KpiReport k = p.kpis();
            h.append("<tr><td class=\"t\">").append(esc(p.assetClass().name())).append("</td><td class=\"t\">")
                    .append(esc(p.mode().name())).append("</td><td>").append(k.trades()).append("</td>");
            cells(h, ratio(k.sharpe()), ratio(k.sortino()), ratio(k.calmar()), pct(k.maxDrawdown()), pct(k.expectancy()),
                    pct(k.winRate()), ratio(k.profitFactor()), signedUsd(p.netPnl()));
            h.append("</tr>\n");
        }
        h.append("</table>\n");
    }

    private static void image(StringBuilder h, byte[] png, String alt, String file) {
        h.append("<p><img width=\"").append(ReportCharts.WIDTH).append("\" height=\"").append(ReportCharts.HEIGHT)
                .append("\" alt=\"").append(esc(alt)).append("\" src=\"data:image/png;base64,")
                .append(Base64.getEncoder().encodeToString(png)).append("\"></p>\n")
                .append("<p class=\"meta\">Also saved beside this page as <a href=\"").append(file).append("\">")
                .append(file).append("</a>.</p>\n");
    }

    private static void walkForward(StringBuilder h, BacktestFigures f) {
        h.append("<h2>Walk-forward (out of sample)</h2>\n");
        if (f.walkForward().isEmpty()) {
            h.append("<p>No walk-forward in this run (it takes <code>--walk-forward K</code>).</p>\n");
            return;
        }
        h.append("<table>\n<tr><th class=\"t\">Contender</th><th>Trades</th><th>Net P&amp;L</th><th>Sharpe</th>"
                + "<th>Sortino</th><th>Calmar</th><th>Max drawdown</th></tr>\n");
        int fold = Integer.MIN_VALUE;
        for (BacktestOutcome.WalkForwardRow r : f.walkForward()) {
            if (r.fold() != fold) {
                fold = r.fold();
                h.append("<tr class=\"fold\"><th colspan=\"7\">Fold ").append(fold).append(": ")
                        .append(esc(TradesCsv.time(r.fromMs()))).append(" to ").append(esc(TradesCsv.time(r.toMs())))
                        .append("</th></tr>\n");
            }
            KpiReport k = r.kpis() == null ? KpiReport.empty() : r.kpis();
            h.append("<tr><td class=\"t\">").append(esc(r.contender())).append("</td><td>").append(r.trades()).append("</td>");
            cells(h, signedUsd(r.netPnl()), ratio(k.sharpe()), ratio(k.sortino()), ratio(k.calmar()), pct(k.maxDrawdown()));
            h.append("</tr>\n");
        }
        h.append("</table>\n");

        h.append("<h3>Out-of-sample total per contender, across folds</h3>\n<table>\n<tr><th class=\"t\">Contender</th>"
                + "<th>Folds</th><th>Trades</th><th>Net P&amp;L</th></tr>\n");
        for (BacktestFigures.ContenderTotal c : f.contenderTotals()) {
            h.append("<tr><td class=\"t\">").append(esc(c.contender())).append("</td><td>").append(c.folds())
                    .append("</td><td>").append(c.trades()).append("</td>");
            cells(h, signedUsd(c.netPnl()));
            h.append("</tr>\n");
        }
        h.append("</table>\n<p class=\"meta\">Ratios are per fold and do not add up across folds, so the totals show"
                + " trades and net P&amp;L only.</p>\n");
    }

    private static void calibration(StringBuilder h, Calibration c) {
        h.append("<h2>Signal score calibration</h2>\n");
        h.append("<p class=\"note\">Trades of the whole-span run by signal score: the mean score in each bucket against the share"
                + " of those trades that closed positive net of fees and slippage. The score is the hand-weighted one until the"
                + " model has learned <code>score_min_trades</code> trades, then the model's probability; a calibrated score"
                + " has the two columns close. Brier score ").append(c.count() == 0 ? "&mdash;" : String.format(Locale.ROOT,
                "%.4f", c.brier())).append(" over ").append(c.count()).append(" trades (0.25 is a coin flip).</p>\n");
        h.append("<table>\n<tr><th>Signal score</th><th>Trades</th><th>Mean score</th>"
                + "<th>Positive net</th></tr>\n");
        for (Calibration.Bucket b : c.buckets()) {
            String range = String.format(Locale.ROOT, "%.1f &ndash; %.1f", b.lower(), b.upper());
            String mean = b.count() == 0 ? "&mdash;" : String.format(Locale.ROOT, "%.3f", b.meanPredicted());
            String rate = b.count() == 0 ? "&mdash;" : String.format(Locale.ROOT, "%.1f %%", 100 * b.realisedRate());
            h.append("<tr><td>").append(range).append("</td><td>").append(b.count()).append("</td><td>")
                    .append(mean).append("</td><td>").append(rate).append("</td></tr>\n");
        }
        h.append("</table>\n");
    }

    private static void lastTrades(StringBuilder h, List<ClosedTrade> trades) {
        int n = Math.min(LAST_TRADES, trades.size());
        h.append("<h2>Last ").append(n).append(" trades (newest first, of ").append(trades.size()).append(")</h2>\n");
        if (n == 0) {
            h.append("<p>No trades.</p>\n");
            return;
        }
        h.append("<table>\n<tr><th class=\"t\">Entry (UTC)</th><th class=\"t\">Exit (UTC)</th><th class=\"t\">Symbol</th>"
                + "<th class=\"t\">Class</th><th class=\"t\">Mode</th><th class=\"t\">Regime</th><th class=\"t\">Session</th>"
                + "<th class=\"t\">Side</th><th>Qty</th><th>Entry price</th><th>Exit price</th><th>Size (USD)</th>"
                + "<th>Fees</th><th>Slippage</th><th>Net P&amp;L</th><th>Return</th></tr>\n");
        for (int i = trades.size() - 1; i >= trades.size() - n; i--) {
            ClosedTrade t = trades.get(i);
            h.append("<tr>");
            for (String s : new String[]{TradesCsv.time(t.entryTimeMs()), TradesCsv.time(t.exitTimeMs()), t.symbol(),
                    name(t.assetClass()), name(t.mode()), name(t.regime()), name(t.session()), name(t.side())}) {
                h.append("<td class=\"t\">").append(esc(s)).append("</td>");
            }
            cells(h, esc(plain(t.qty())), esc(plain(t.entryPrice())), esc(plain(t.exitPrice())), usd(t.sizeUsd()),
                    usd(t.fees()), usd(t.slippage()), signedUsd(t.netPnl()), signedPct(t.netReturnPct()));
            h.append("</tr>\n");
        }
        h.append("</table>\n");
    }

    /** Right-aligned cells of already-escaped HTML. */
    private static void cells(StringBuilder h, String... html) {
        for (String c : html) h.append("<td>").append(c).append("</td>");
    }

    private static String name(Enum<?> e) { return e == null ? "" : e.name(); }

    private static String plain(BigDecimal v) { return v == null ? "" : v.toPlainString(); }

    private static String usd(BigDecimal v) {
        return v == null ? "" : v.setScale(2, RoundingMode.HALF_EVEN).toPlainString();
    }

    /** Money coloured by sign, so losses stand out in a long table. */
    private static String signedUsd(BigDecimal v) {
        if (v == null) return "";
        String cls = v.signum() > 0 ? "pos" : v.signum() < 0 ? "neg" : null;
        String text = usd(v);
        return cls == null ? text : "<span class=\"" + cls + "\">" + text + "</span>";
    }

    private static String signedPct(BigDecimal percent) {
        if (percent == null) return "";
        String text = percent.setScale(2, RoundingMode.HALF_EVEN).toPlainString() + "&nbsp;%";
        return percent.signum() < 0 ? "<span class=\"neg\">" + text + "</span>" : text;
    }

    static String ratio(double x) {
        if (Double.isNaN(x)) return "&mdash;";
        if (Double.isInfinite(x)) return x > 0 ? "+&infin;" : "&minus;&infin;";
        return String.format(Locale.ROOT, "%.2f", x);
    }

    /** A fraction shown as a percentage. */
    static String pct(double fraction) {
        if (!Double.isFinite(fraction)) return ratio(fraction);
        return String.format(Locale.ROOT, "%.2f&nbsp;%%", fraction * 100);
    }

    static String esc(String s) { return Html.escape(s); }
}
