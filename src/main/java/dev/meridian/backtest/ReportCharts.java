package dev.meridian.backtest;

import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.DateAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYAreaRenderer;
import org.jfree.chart.renderer.xy.XYItemRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TimeZone;

/**
 * The report's pictures as PNG bytes, {@value #WIDTH}×{@value #HEIGHT}: the equity path and the
 * drawdown from its running peak. Rendered off-screen, so they work on a server with no display.
 */
final class ReportCharts {
    static final int WIDTH = 1000;
    static final int HEIGHT = 400;

    static {
        // Must precede the first AWT call: once the graphics environment has been probed the mode is
        // fixed, and without a display the non-headless toolkit fails on the first font it measures.
        System.setProperty("java.awt.headless", "true");
    }

    private static final TimeZone UTC = TimeZone.getTimeZone("UTC");
    private static final Color EQUITY = new Color(0x1f, 0x5f, 0xa8);
    private static final Color DRAWDOWN = new Color(0xc0, 0x39, 0x2b);

    private ReportCharts() {
    }

    /**
     * The path to draw: the run's equity path, or, when it recorded none, one built from the start
     * equity and each trade's net P&amp;L at its exit, so a run without bookings still gets a picture.
     */
    static List<BacktestRun.EquityPoint> path(BacktestRun run) {
        if (!run.equity().isEmpty()) return run.equity();
        List<BacktestRun.EquityPoint> out = new ArrayList<>();
        BigDecimal e = run.startEquity();
        out.add(new BacktestRun.EquityPoint(run.fromMs(), e));
        for (var t : run.trades()) {
            e = e.add(t.netPnl());
            out.add(new BacktestRun.EquityPoint(t.exitTimeMs(), e));
        }
        return out;
    }

    static byte[] equity(List<BacktestRun.EquityPoint> path) throws IOException {
        XYSeries s = series("Equity");
        for (var p : path) s.add(p.timeMs(), p.equity().doubleValue());
        NumberAxis y = new NumberAxis("Equity (USD, net of fees and slippage)");
        y.setAutoRangeIncludesZero(false);
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, false);
        r.setSeriesPaint(0, EQUITY);
        r.setSeriesStroke(0, new BasicStroke(1.5f));
        return png("Equity", s, y, r);
    }

    /** Drawdown in percent below the running peak, drawn as negative values filled up to 0. */
    static byte[] drawdown(List<BacktestRun.EquityPoint> path) throws IOException {
        XYSeries s = series("Drawdown");
        BigDecimal peak = null;
        for (var p : path) {
            if (peak == null || p.equity().compareTo(peak) > 0) peak = p.equity();
            // A peak at or below 0 has no meaningful percentage; the ledger cannot get there anyway.
            double dd = peak.signum() > 0 ? peak.subtract(p.equity()).doubleValue() / peak.doubleValue() * 100 : 0;
            s.add(p.timeMs(), -dd);
        }
        NumberAxis y = new NumberAxis("Drawdown from peak (%)");
        y.setAutoRangeIncludesZero(true);
        XYAreaRenderer r = new XYAreaRenderer(XYAreaRenderer.AREA);
        r.setSeriesPaint(0, DRAWDOWN);
        return png("Drawdown", s, y, r);
    }

    // Bookings can share a millisecond and the path is already in time order: keep duplicates, don't sort.
    private static XYSeries series(String name) { return new XYSeries(name, false, true); }

    private static byte[] png(String title, XYSeries s, NumberAxis y, XYItemRenderer r) throws IOException {
        DateAxis x = new DateAxis("Time (UTC)", UTC, Locale.ROOT);
        XYPlot plot = new XYPlot(new XYSeriesCollection(s), x, y, r);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        plot.setNoDataMessage("No data");
        JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, false);
        chart.setBackgroundPaint(Color.WHITE);
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
        ChartUtils.writeChartAsPNG(out, chart, WIDTH, HEIGHT);
        return out.toByteArray();
    }
}
