package dev.meridian.market;

import dev.meridian.core.AssetClass;
import dev.meridian.core.ForexPair;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * Historical market data the bot can replay (CLI {@code run --replay SOURCE}, {@code backtest --data
 * SOURCE}): a resolved, validated description that {@linkplain #open(long) opens} into a lazy
 * {@link ReplayReader} as often as needed.
 *
 * <p>A SOURCE is one of
 * <ul>
 *   <li>{@value #BTC_TRADES_2013}: 100,000 Bitstamp BTC/USD trades, 25 Nov – 1 Dec 2013, symbol
 *       {@code BTCUSD};</li>
 *   <li>{@value #ETH_5M_2023}: 580 ETH/USD 5-minute bars, 13–15 Mar 2023, symbol {@code ETHUSD};</li>
 *   <li>the path of a CSV file with a header row, then trades {@code timestamp,price,amount} or
 *       bars {@code timestamp,open,high,low,close,volume} (the header decides); timestamps are
 *       epoch seconds, epoch milliseconds or ISO-8601 (zone-less means UTC), detected per value;
 *       a bar's timestamp is its open time and the timeframe is the smallest positive spacing of
 *       the first rows' timestamps; the symbol is the file name without its extension.</li>
 * </ul>
 * The built-ins are files of the {@code org.ta4j:ta4j-examples} jar on the classpath; their names
 * win over a file of the same name in the working directory. The asset class is the caller's
 * (the CLI passes SPOT unless {@code --asset} says otherwise) and is stamped on every event. A
 * FOREX source's symbol must name a pair with a USD leg ({@code USD_JPY.csv}, {@code EURUSD.csv};
 * see {@link ForexPair}): anything else is refused here, before a run starts.
 *
 * <p>Invariant: once resolved, a source exists and its format is known, so problems found later
 * are about single rows and are reported by the reader, not thrown. Immutable and thread-safe.
 */
public final class ReplaySource {
    public static final String BTC_TRADES_2013 = "btc-trades-2013";
    public static final String ETH_5M_2023 = "eth-5m-2023";
    /** The built-in source names, in the order help texts list them. */
    public static final List<String> BUILT_INS = List.of(BTC_TRADES_2013, ETH_5M_2023);

    private static final String BTC_RESOURCE = "bitstamp_trades_from_20131125_usd.csv";
    private static final String ETH_RESOURCE = "ETH-USD-PT5M-2023-3-13_2023-3-15.json";
    private static final int ETH_TIMEFRAME_SEC = 300;
    private static final int READ_BUFFER_CHARS = 64 * 1024;

    /** Opens the format-specific rows of the source, positioned before the first event. */
    @FunctionalInterface
    private interface Opener {
        RowSource open() throws IOException;
    }

    private final String name;
    private final String symbol;
    private final AssetClass assetClass;
    private final OptionalInt barTimeframeSec;
    private final Opener opener;

    private ReplaySource(String name, String symbol, AssetClass assetClass, OptionalInt barTimeframeSec,
                         Opener opener) {
        this.name = name;
        this.symbol = symbol;
        this.assetClass = assetClass;
        this.barTimeframeSec = barTimeframeSec;
        this.opener = opener;
    }

    /**
     * The source a user named: a built-in or a CSV file.
     *
     * @param source     a built-in name or a file path (relative to the working directory)
     * @param assetClass stamped on every event of the source
     * @throws IllegalArgumentException the source is neither a built-in nor an existing file, or the
     *                                  file is unreadable, lacks a known header, or (bars) its
     *                                  timeframe cannot be inferred, or a FOREX source's symbol is
     *                                  not a pair with a USD leg; the message says which
     * @throws IllegalStateException    a built-in's data is missing from the classpath
     */
    public static ReplaySource resolve(String source, AssetClass assetClass) {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(assetClass, "assetClass");
        ReplaySource resolved = resolveAny(source, assetClass);
        if (assetClass == AssetClass.FOREX) {
            try {
                ForexPair.parse(resolved.symbol).requireUsdLeg();
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("Replay source " + resolved.name + " cannot be replayed as FOREX: "
                        + e.getMessage(), e);
            }
        }
        return resolved;
    }

    private static ReplaySource resolveAny(String source, AssetClass assetClass) {
        switch (source) {
            case BTC_TRADES_2013:
                requireResource(BTC_TRADES_2013, BTC_RESOURCE);
                return new ReplaySource(BTC_TRADES_2013, "BTCUSD", assetClass, OptionalInt.empty(),
                        () -> new CsvRows(reader(resource(BTC_RESOURCE)), CsvRows.Layout.TRADES, "BTCUSD",
                                assetClass, 0));
            case ETH_5M_2023:
                requireResource(ETH_5M_2023, ETH_RESOURCE);
                return new ReplaySource(ETH_5M_2023, "ETHUSD", assetClass, OptionalInt.of(ETH_TIMEFRAME_SEC),
                        () -> new JsonBarRows(resource(ETH_RESOURCE), "ETHUSD", assetClass, ETH_TIMEFRAME_SEC));
            default:
                return csvFile(source, assetClass);
        }
    }

    private static ReplaySource csvFile(String source, AssetClass assetClass) {
        Path path;
        try {
            path = Path.of(source).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            throw unknown(source);
        }
        if (!Files.exists(path)) throw unknown(source);
        if (!Files.isRegularFile(path)) throw new IllegalArgumentException("Replay source " + path + " is not a file");
        String name = path.toString();
        String symbol = symbolOf(path);
        try (BufferedReader in = reader(Files.newInputStream(path))) {
            String header = in.readLine();
            CsvRows.Layout layout = header == null ? null : CsvRows.Layout.of(header);
            if (layout == null) {
                throw new IllegalArgumentException("The first row of replay file " + name + " must be the header '"
                        + CsvRows.Layout.TRADES.header() + "' (trades) or '" + CsvRows.Layout.BARS.header()
                        + "' (bars), got " + (header == null ? "an empty file" : "'" + header + "'"));
            }
            int timeframeSec = layout == CsvRows.Layout.BARS ? CsvRows.inferTimeframeSec(in, name) : 0;
            return new ReplaySource(name, symbol, assetClass,
                    timeframeSec == 0 ? OptionalInt.empty() : OptionalInt.of(timeframeSec),
                    () -> new CsvRows(reader(Files.newInputStream(path)), layout, symbol, assetClass, timeframeSec));
        } catch (IOException e) {
            throw new IllegalArgumentException("Cannot read replay file " + name + ": " + e.getMessage(), e);
        }
    }

    /** The file name up to its last dot, so {@code BTCUSDT.csv} replays as {@code BTCUSDT}. */
    private static String symbolOf(Path path) {
        String file = path.getFileName().toString();
        int dot = file.lastIndexOf('.');
        String symbol = dot > 0 ? file.substring(0, dot) : file;
        if (symbol.isBlank()) {
            throw new IllegalArgumentException("Replay file " + path + " has no name to use as its symbol");
        }
        return symbol;
    }

    private static IllegalArgumentException unknown(String source) {
        return new IllegalArgumentException("Unknown replay source '" + source + "': expected one of the built-ins "
                + String.join(", ", BUILT_INS) + " or the path of an existing CSV file");
    }

    private static void requireResource(String source, String resource) {
        if (ReplaySource.class.getClassLoader().getResource(resource) == null) {
            throw new IllegalStateException("The data of built-in replay source " + source + " (" + resource
                    + ") is not on the classpath; it comes from the org.ta4j:ta4j-examples jar");
        }
    }

    private static InputStream resource(String resource) throws IOException {
        InputStream in = ReplaySource.class.getClassLoader().getResourceAsStream(resource);
        if (in == null) throw new IOException(resource + " is not on the classpath");
        return in;
    }

    /** Malformed UTF-8 becomes U+FFFD, so a damaged byte spoils one row, not the rest of the file. */
    private static BufferedReader reader(InputStream in) {
        return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), READ_BUFFER_CHARS);
    }

    /** The whole source from its first event. */
    public ReplayReader open() {
        return open(0);
    }

    /**
     * The source from event {@code afterSeq + 1} on, e.g. to continue after the last event a
     * previous run processed. The rows before it are re-read (to number the events the same way)
     * but not turned into events for the caller; past the end, the stream is simply empty.
     *
     * @throws IllegalArgumentException {@code afterSeq < 0}
     * @throws UncheckedIOException     the source can no longer be opened, or its header changed
     */
    public ReplayReader open(long afterSeq) {
        if (afterSeq < 0) throw new IllegalArgumentException("afterSeq must be >= 0, got " + afterSeq);
        try {
            return new ReplayReader(name, opener.open(), afterSeq);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open replay source " + name + ": " + e.getMessage(), e);
        }
    }

    /** The built-in's name, or the CSV file's absolute path. */
    public String name() {
        return name;
    }

    public String symbol() {
        return symbol;
    }

    public AssetClass assetClass() {
        return assetClass;
    }

    /** Empty for a trade source (it yields {@code Tick}s); the bars' timeframe for a bar source. */
    public OptionalInt barTimeframeSec() {
        return barTimeframeSec;
    }

    @Override
    public String toString() {
        return name;
    }
}
