package dev.meridian.market;

import dev.meridian.core.AssetClass;
import dev.meridian.core.MarketEvent;
import dev.meridian.core.Tick;
import java.io.BufferedReader;
import java.io.IOException;
import java.util.List;
import java.util.Locale;

/**
 * Rows of a replay CSV: a header naming one of the two {@link Layout}s, then one trade or bar a
 * line. Fields are separated by commas, may be surrounded by blanks and double quotes (quoted
 * commas are not supported: no field of either layout needs one). Blank lines are ignored rather
 * than reported, since editors and exports often leave one at the end.
 */
final class CsvRows implements RowSource {
    /** The two accepted headers. Column names are matched ignoring case, in this order only. */
    enum Layout {
        TRADES(List.of("timestamp", "price", "amount")),
        BARS(List.of("timestamp", "open", "high", "low", "close", "volume"));

        final List<String> columns;

        Layout(List<String> columns) {
            this.columns = columns;
        }

        /** The layout a header line names, or null if it names neither. */
        static Layout of(String headerLine) {
            // Exports from Windows tools start with a byte order mark.
            String line = headerLine.startsWith("\uFEFF") ? headerLine.substring(1) : headerLine;
            List<String> names = List.of(split(line)).stream().map(n -> n.toLowerCase(Locale.ROOT)).toList();
            for (Layout layout : values()) {
                if (layout.columns.equals(names)) return layout;
            }
            return null;
        }

        String header() {
            return String.join(",", columns);
        }
    }

    /** How many rows {@link #inferTimeframeSec} looks at. */
    static final int TIMEFRAME_SAMPLE_ROWS = 100;

    private final BufferedReader in;
    private final Layout layout;
    private final String symbol;
    private final AssetClass assetClass;
    private final int barTimeframeSec;
    private long line;

    /**
     * Reads the header and stands before the first data row.
     *
     * @param barTimeframeSec the bars' timeframe; ignored for {@link Layout#TRADES}
     * @throws IOException the file cannot be read or its header is no longer {@code layout}'s
     */
    CsvRows(BufferedReader in, Layout layout, String symbol, AssetClass assetClass, int barTimeframeSec)
            throws IOException {
        this.in = in;
        this.layout = layout;
        this.symbol = symbol;
        this.assetClass = assetClass;
        this.barTimeframeSec = barTimeframeSec;
        String header = in.readLine();
        line = 1;
        if (header == null || Layout.of(header) != layout) {
            in.close();
            throw new IOException("its header is no longer '" + layout.header() + "'");
        }
    }

    @Override
    public MarketEvent next(long seq) throws RowException, IOException {
        String text;
        do {
            text = in.readLine();
            if (text == null) return null;
            line++;
        } while (text.isBlank());
        String[] f = split(text);
        if (f.length != layout.columns.size()) {
            throw new RowException("expected " + layout.columns.size() + " fields (" + layout.header() + "), got "
                    + f.length);
        }
        long timeMs = Values.epochMs(f[0]);
        if (layout == Layout.TRADES) {
            return new Tick(symbol, assetClass, timeMs, Values.positive("price", f[1]),
                    Values.nonNegative("amount", f[2]), seq, false);
        }
        return Values.bar(symbol, assetClass, barTimeframeSec, timeMs, Values.positive("open", f[1]),
                Values.positive("high", f[2]), Values.positive("low", f[3]), Values.positive("close", f[4]),
                Values.nonNegative("volume", f[5]), seq);
    }

    @Override
    public long line() {
        return line;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    /**
     * The timeframe of a bar CSV: the smallest positive gap between consecutive open times among
     * the first {@value #TIMEFRAME_SAMPLE_ROWS} rows with a readable timestamp. Gaps in the data
     * (weekends, halts) only make some spacings larger, so the smallest one is the bar length.
     *
     * @param in a reader standing after the header
     * @throws IllegalArgumentException no two increasing open times, a gap that is not whole
     *                                  seconds, or a first bar not aligned to the result
     */
    static int inferTimeframeSec(BufferedReader in, String source) throws IOException {
        long first = -1;
        long previous = -1;
        long smallestGap = Long.MAX_VALUE;
        int rows = 0;
        for (String text = in.readLine(); text != null && rows < TIMEFRAME_SAMPLE_ROWS; text = in.readLine()) {
            if (text.isBlank()) continue;
            rows++;
            long openTimeMs;
            try {
                openTimeMs = Values.epochMs(split(text)[0]);
            } catch (RowException unreadable) {
                continue; // reported when the row is read for real
            }
            if (first < 0) first = openTimeMs;
            if (previous >= 0 && openTimeMs > previous) smallestGap = Math.min(smallestGap, openTimeMs - previous);
            previous = openTimeMs;
        }
        if (smallestGap == Long.MAX_VALUE) {
            throw new IllegalArgumentException("Cannot infer the bar timeframe of " + source
                    + ": its first " + TIMEFRAME_SAMPLE_ROWS + " rows hold no two bars with increasing timestamps");
        }
        if (smallestGap % 1000 != 0 || smallestGap / 1000 > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("Cannot infer the bar timeframe of " + source
                    + ": the smallest spacing of its bars, " + smallestGap + " ms, is not a whole number of seconds");
        }
        if (first % smallestGap != 0) {
            throw new IllegalArgumentException("The bars of " + source + " are not aligned to UTC "
                    + smallestGap / 1000 + "s boundaries: the first opens at " + Values.iso(first));
        }
        return (int) (smallestGap / 1000);
    }

    private static String[] split(String text) {
        String[] fields = text.split(",", -1);
        for (int i = 0; i < fields.length; i++) {
            String f = fields[i].strip();
            if (f.length() >= 2 && f.charAt(0) == '"' && f.charAt(f.length() - 1) == '"') {
                f = f.substring(1, f.length() - 1).strip();
            }
            fields[i] = f;
        }
        return fields;
    }
}
