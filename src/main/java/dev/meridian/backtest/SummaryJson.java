package dev.meridian.backtest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import dev.meridian.learning.Calibration;
import dev.meridian.learning.KpiReport;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A backtest's summary.json. Keys are written in a fixed order (params sorted by name), numbers at
 * full precision in plain notation, LF line endings, nothing about the run's wall-clock time: the
 * same outcome gives the same bytes. JSON has no infinities, so a non-finite KPI is {@code null}
 * and a line in {@code notes} names it and says what it meant (docs/risk.md, "KPI definitions").
 */
final class SummaryJson {
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN).build();

    private SummaryJson() {
    }

    static String render(BacktestOutcome outcome, BacktestFigures f) throws IOException {
        List<String> notes = new ArrayList<>();
        notes.add("All P&L is net of fees and slippage. Walk-forward rows are measured out of sample, on test folds.");
        notes.add("A KPI is null where JSON cannot hold it: +infinity or -infinity when there was nothing to divide"
                + " by (no dispersion, no losing day, no loss or no drawdown) and the sign is the record's; undefined"
                + " with no trades (or, for the profit factor, every trade exactly 0). The notes below name each one.");
        notes.addAll(f.notes());
        StringWriter text = new StringWriter();
        // The default pretty printer ends lines with the platform separator; pinning LF keeps the bytes portable.
        DefaultIndenter lf = new DefaultIndenter("  ", "\n");
        try (JsonGenerator g = FACTORY.createGenerator(text)) {
            g.setPrettyPrinter(new DefaultPrettyPrinter()
                    .withSeparators(Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER))
                    .withObjectIndenter(lf).withArrayIndenter(lf));
            g.writeStartObject();
            g.writeStringField("source", outcome.source());
            g.writeObjectFieldStart("params");
            for (Map.Entry<String, String> e : new TreeMap<>(outcome.params()).entrySet()) g.writeStringField(e.getKey(), e.getValue());
            g.writeEndObject();
            g.writeStringField("from", TradesCsv.time(outcome.main().fromMs()));
            g.writeStringField("to", TradesCsv.time(outcome.main().toMs()));
            g.writeNumberField("start_equity", f.startEquity());
            g.writeNumberField("end_equity", f.endEquity());
            g.writeNumberField("net_pnl", f.netPnl());
            g.writeNumberField("trades", f.trades());

            g.writeObjectFieldStart("kpis");
            g.writeObjectFieldStart("overall");
            g.writeNumberField("periods_per_year", f.periodsPerYear());
            kpis(g, f.overall(), "kpis.overall", notes);
            g.writeEndObject();
            g.writeArrayFieldStart("by_asset_class_mode");
            for (BacktestFigures.PairKpis p : f.pairs()) {
                String path = "kpis.by_asset_class_mode[" + p.assetClass() + "/" + p.mode() + "]";
                g.writeStartObject();
                g.writeStringField("asset_class", p.assetClass().name());
                g.writeStringField("mode", p.mode().name());
                g.writeNumberField("net_pnl", p.netPnl());
                kpis(g, p.kpis(), path, notes);
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();

            g.writeArrayFieldStart("walk_forward");
            for (BacktestOutcome.WalkForwardRow r : f.walkForward()) {
                String path = "walk_forward[fold " + r.fold() + "/" + r.contender() + "]";
                g.writeStartObject();
                g.writeNumberField("fold", r.fold());
                g.writeStringField("from", TradesCsv.time(r.fromMs()));
                g.writeStringField("to", TradesCsv.time(r.toMs()));
                g.writeStringField("contender", r.contender());
                // The row's own count: a contender such as buy-and-hold may have no KPI record of trades.
                g.writeNumberField("trades", r.trades());
                g.writeNumberField("net_pnl", r.netPnl());
                ratios(g, r.kpis() == null ? KpiReport.empty() : r.kpis(), path, notes);
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("walk_forward_totals");
            for (BacktestFigures.ContenderTotal c : f.contenderTotals()) {
                g.writeStartObject();
                g.writeStringField("contender", c.contender());
                g.writeNumberField("folds", c.folds());
                g.writeNumberField("trades", c.trades());
                g.writeNumberField("net_pnl", c.netPnl());
                g.writeEndObject();
            }
            g.writeEndArray();

            Calibration cal = f.calibration();
            g.writeObjectFieldStart("calibration");
            g.writeNumberField("trades", cal.count());
            finiteOrNull(g, "brier", cal.brier());
            finiteOrNull(g, "log_loss", cal.logLoss());
            g.writeArrayFieldStart("buckets");
            for (Calibration.Bucket b : cal.buckets()) {
                g.writeStartObject();
                g.writeNumberField("lower", b.lower());
                g.writeNumberField("upper", b.upper());
                g.writeNumberField("trades", b.count());
                finiteOrNull(g, "mean_signal_score", b.meanPredicted());
                finiteOrNull(g, "positive_net_rate", b.realisedRate());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();

            g.writeArrayFieldStart("notes");
            for (String n : notes) g.writeString(n);
            g.writeEndArray();
            g.writeEndObject();
        }
        return text.append('\n').toString();
    }

    // The names of GET /api/kpis, so a script can read both the same way.
    /** Empty buckets have no means, and no trades no scores: null, never NaN (not JSON). */
    private static void finiteOrNull(JsonGenerator g, String name, double v) throws IOException {
        if (Double.isFinite(v)) {
            g.writeNumberField(name, v);
        } else {
            g.writeNullField(name);
        }
    }

    private static void kpis(JsonGenerator g, KpiReport k, String path, List<String> notes) throws IOException {
        g.writeNumberField("trades", k.trades());
        g.writeNumberField("days", k.days());
        ratios(g, k, path, notes);
    }

    private static void ratios(JsonGenerator g, KpiReport k, String path, List<String> notes) throws IOException {
        ratio(g, "sharpe", k.sharpe(), path, notes);
        ratio(g, "sortino", k.sortino(), path, notes);
        ratio(g, "calmar", k.calmar(), path, notes);
        ratio(g, "max_drawdown", k.maxDrawdown(), path, notes);
        ratio(g, "expectancy", k.expectancy(), path, notes);
        ratio(g, "win_rate", k.winRate(), path, notes);
        ratio(g, "profit_factor", k.profitFactor(), path, notes);
        ratio(g, "annualised_return", k.annualisedReturn(), path, notes);
    }

    private static void ratio(JsonGenerator g, String name, double x, String path, List<String> notes) throws IOException {
        if (Double.isFinite(x)) {
            g.writeNumberField(name, x);
            return;
        }
        g.writeNullField(name);
        notes.add(path + "." + name + " is null: " + meaning(x) + ".");
    }

    static String meaning(double x) {
        if (Double.isNaN(x)) return "undefined";
        return x > 0 ? "+infinity" : "-infinity";
    }
}
