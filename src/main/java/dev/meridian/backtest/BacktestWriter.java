package dev.meridian.backtest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Writes what {@code backtest} leaves behind (DESIGN.md, CLI): into {@code outDir}, created if
 * missing, it writes
 * <ul>
 *   <li>{@code trades.csv}: the main run's trades in the given order, the trade fields of DESIGN.md
 *       in its order, times ISO-8601 UTC with milliseconds, money in plain notation;</li>
 *   <li>{@code summary.json}: source, parameters, span, start and end equity, net P&amp;L, trade count,
 *       KPIs overall and per (asset class, mode), the walk-forward rows and their per-contender
 *       totals, and notes (a non-finite KPI is {@code null} there and a note says what it meant);</li>
 *   <li>{@code equity.png} and {@code drawdown.png}, 1000×400, rendered headless;</li>
 *   <li>{@code report.html}: one self-contained page with all of the above and the last 50 trades.</li>
 * </ul>
 * Existing files of those names are replaced; nothing else in the directory is touched.
 *
 * <p>Determinism: trades.csv and summary.json depend only on the outcome (no wall-clock time, fixed
 * key order, LF line endings, UTF-8), so the same outcome always gives byte-identical files. The
 * pictures and the page carry no run time either, but their bytes depend on the fonts of the machine.
 *
 * <p>Not thread-safe with respect to a shared {@code outDir}: two writers into one directory race.
 */
public final class BacktestWriter {
    /** The file names written into the output directory. */
    public static final String TRADES_CSV = "trades.csv";
    public static final String SUMMARY_JSON = "summary.json";
    public static final String EQUITY_PNG = "equity.png";
    public static final String DRAWDOWN_PNG = "drawdown.png";
    public static final String REPORT_HTML = "report.html";

    private BacktestWriter() {
    }

    /**
     * Writes the five files for {@code outcome} into {@code outDir}.
     *
     * @throws IOException if the directory cannot be created or a file cannot be written; files
     *                     written before the failure stay
     */
    public static void write(Path outDir, BacktestOutcome outcome) throws IOException {
        Objects.requireNonNull(outDir, "outDir");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(outcome.main(), "outcome.main");
        Files.createDirectories(outDir);
        BacktestFigures figures = BacktestFigures.of(outcome);

        writeText(outDir.resolve(TRADES_CSV), TradesCsv.render(outcome.main().trades()));
        writeText(outDir.resolve(SUMMARY_JSON), SummaryJson.render(outcome, figures));

        List<BacktestRun.EquityPoint> path = ReportCharts.path(outcome.main());
        byte[] equity = ReportCharts.equity(path);
        byte[] drawdown = ReportCharts.drawdown(path);
        Files.write(outDir.resolve(EQUITY_PNG), equity);
        Files.write(outDir.resolve(DRAWDOWN_PNG), drawdown);

        writeText(outDir.resolve(REPORT_HTML), ReportHtml.render(outcome, figures, equity, drawdown));
    }

    private static void writeText(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }
}
