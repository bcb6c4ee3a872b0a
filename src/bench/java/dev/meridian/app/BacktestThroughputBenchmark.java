package dev.meridian.app;

import dev.meridian.backtest.BacktestRun;
import dev.meridian.backtest.Backtester;
import dev.meridian.config.ConfigLoader;
import dev.meridian.config.MeridianConfig;
import dev.meridian.core.AssetClass;
import dev.meridian.core.Bar;
import dev.meridian.core.MarketEvent;
import dev.meridian.market.ReplayReader;
import dev.meridian.market.ReplaySource;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.ta4j.core.BarSeries;
import org.ta4j.core.BaseBarSeriesBuilder;
import org.ta4j.core.BaseStrategy;
import org.ta4j.core.Rule;
import org.ta4j.core.Strategy;
import org.ta4j.core.TradingRecord;
import org.ta4j.core.backtest.BarSeriesManager;
import org.ta4j.core.indicators.EMAIndicator;
import org.ta4j.core.indicators.RSIIndicator;
import org.ta4j.core.indicators.adx.ADXIndicator;
import org.ta4j.core.indicators.helpers.ClosePriceIndicator;
import org.ta4j.core.num.DoubleNum;
import org.ta4j.core.rules.AverageTrueRangeStopLossRule;
import org.ta4j.core.rules.CrossedDownIndicatorRule;
import org.ta4j.core.rules.CrossedUpIndicatorRule;
import org.ta4j.core.rules.OverIndicatorRule;
import org.ta4j.core.rules.UnderIndicatorRule;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Backtest throughput in bars per second, on one generated series of {@value #BARS} one-minute bars
 * ({@link SyntheticBars}), three ways in the same run:
 * <ul>
 *   <li>{@link #meridianBacktester}: the real {@link Backtester} with the shipped configuration
 *       ({@code conf/}, {@code policies/}; environment ignored), built only through
 *       {@code Configs.backtestSetup} and run with {@code Pass.whole}: CSV reading and parsing, bar
 *       roll-up to 5, 15 and 60 minutes, a regime detector per timeframe, the session clock, the
 *       strategy manager with all its indicators, risk, paper fills and the ledger, per bar;</li>
 *   <li>{@link #ta4jBarSeriesManager}: ta4j's {@code BarSeriesManager} running EMA 12/26 cross-up
 *       with RSI 14 &lt; 70 and ADX 14 &gt; 20 in, EMA cross-down or close below entry − 2 × ATR 14
 *       out, on a {@code DoubleNum} series built once from the same file's bars; the strategy (and
 *       so every indicator cache) is new on each run, as ours is;</li>
 *   <li>{@link #meridianReadOnly}: only reading the same file through {@link ReplaySource} (what
 *       the first includes and the second does not).</li>
 * </ul>
 * Scores are bars per second ({@code @OperationsPerInvocation} = bars per run). The fork's heap is
 * fixed at 2 GB so that runs compare: with the JVM's default, growing heap, one run saw ta4j (which
 * keeps a cache the length of the series per indicator) swing between 160,000 and 680,000 bars/s
 * from one iteration to the next.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@State(Scope.Benchmark)
public class BacktestThroughputBenchmark {
    static final int BARS = 200_000;

    private Path dir;
    private ReplaySource source;
    private Backtester backtester;
    private BarSeries series;

    @Setup
    public void setUp() throws IOException {
        dir = Files.createTempDirectory("meridian-bench-");
        Path csv = dir.resolve("SYNTHUSD.csv");
        SyntheticBars.write(csv, BARS, SyntheticBars.SEED);
        source = ReplaySource.resolve(csv.toString(), AssetClass.SPOT);
        MeridianConfig config = ConfigLoader.checkBlocking(Path.of("").toAbsolutePath(), Map.of()).orElseThrow();
        backtester = new Backtester(Configs.backtestSetup(config, Configs.feeBps(config), Configs.slippageBps(config)));
        series = ta4jSeries(source);
        if (series.getBarCount() != BARS) throw new IllegalStateException("read " + series.getBarCount() + " bars, wrote " + BARS);
        BacktestRun ours = meridianBacktester();
        TradingRecord theirs = ta4jBarSeriesManager();
        System.out.printf("%n[setup] %d bars of %s; Backtester: %d trades; ta4j: %d positions%n",
                series.getBarCount(), csv, ours.trades().size(), theirs.getPositionCount());
    }

    @TearDown
    public void tearDown() throws IOException {
        try (var files = Files.list(dir)) {
            for (Path p : (Iterable<Path>) files::iterator) Files.delete(p);
        }
        Files.delete(dir);
    }

    @Benchmark
    @OperationsPerInvocation(BARS)
    public BacktestRun meridianBacktester() {
        return backtester.run(source, Backtester.Pass.whole("bench", Optional.empty()));
    }

    @Benchmark
    @OperationsPerInvocation(BARS)
    public TradingRecord ta4jBarSeriesManager() {
        return new BarSeriesManager(series).run(ta4jStrategy(series));
    }

    @Benchmark
    @OperationsPerInvocation(BARS)
    public long meridianReadOnly() {
        long sum = 0;
        try (ReplayReader r = source.open()) {
            while (r.hasNext()) sum += r.next().eventTimeMs();
        }
        return sum;
    }

    /** The same bars as a ta4j series of {@code DoubleNum}s. */
    static BarSeries ta4jSeries(ReplaySource source) {
        BarSeries s = new BaseBarSeriesBuilder().withName(source.symbol()).withNumTypeOf(DoubleNum.class).build();
        try (ReplayReader r = source.open()) {
            while (r.hasNext()) {
                MarketEvent e = r.next();
                Bar b = (Bar) e;
                s.addBar(Duration.ofSeconds(b.timeframeSec()), Instant.ofEpochMilli(b.closeTimeMs()).atZone(ZoneOffset.UTC),
                        b.open().doubleValue(), b.high().doubleValue(), b.low().doubleValue(), b.close().doubleValue(),
                        b.volume().doubleValue());
            }
        }
        return s;
    }

    /** EMA 12/26 cross with RSI 14 and ADX 14 filters in; cross back or a 2 × ATR 14 stop out. */
    static Strategy ta4jStrategy(BarSeries s) {
        ClosePriceIndicator close = new ClosePriceIndicator(s);
        EMAIndicator fast = new EMAIndicator(close, 12);
        EMAIndicator slow = new EMAIndicator(close, 26);
        RSIIndicator rsi = new RSIIndicator(close, 14);
        ADXIndicator adx = new ADXIndicator(s, 14);
        Rule entry = new CrossedUpIndicatorRule(fast, slow).and(new UnderIndicatorRule(rsi, 70)).and(new OverIndicatorRule(adx, 20));
        Rule exit = new CrossedDownIndicatorRule(fast, slow).or(new AverageTrueRangeStopLossRule(s, close, 14, 2));
        return new BaseStrategy("ema-rsi-adx-atr", entry, exit, 26);
    }
}
