package dev.meridian.backtest;

import dev.meridian.portfolio.ClosedTrade;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * A backtest's trades.csv: the trade fields of DESIGN.md in its order, one row per trade in the
 * given order, LF line endings, RFC 4180 quoting only where a field needs it. The text depends only
 * on the trades, so the same trades give the same bytes.
 */
final class TradesCsv {
    static final String HEADER = "entry_time,exit_time,symbol,asset_class,mode,regime,session,side,qty,entry_price,"
            + "exit_price,stop_price,leverage,equity_before,size_usd,risk_usd,signal_score,good_setup,gross_pnl,fees,"
            + "slippage,net_pnl,net_return_pct,reward_points";

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private TradesCsv() {
    }

    static String time(long ms) { return TIME.format(Instant.ofEpochMilli(ms)); }

    static String render(List<ClosedTrade> trades) {
        StringBuilder out = new StringBuilder(HEADER.length() + 1 + trades.size() * 256).append(HEADER).append('\n');
        for (ClosedTrade t : trades) row(out, t);
        return out.toString();
    }

    private static void row(StringBuilder out, ClosedTrade t) {
        out.append(time(t.entryTimeMs())).append(',').append(time(t.exitTimeMs())).append(',');
        out.append(field(t.symbol())).append(',');
        out.append(name(t.assetClass())).append(',').append(name(t.mode())).append(',').append(name(t.regime()))
                .append(',').append(name(t.session())).append(',').append(name(t.side())).append(',');
        for (BigDecimal v : new BigDecimal[]{t.qty(), t.entryPrice(), t.exitPrice(), t.stopPrice(), t.leverage(),
                t.equityBefore(), t.sizeUsd(), t.riskUsd()}) {
            out.append(money(v)).append(',');
        }
        out.append(Double.toString(t.signalScore())).append(',').append(t.goodSetup()).append(',');
        for (BigDecimal v : new BigDecimal[]{t.grossPnl(), t.fees(), t.slippage(), t.netPnl(), t.netReturnPct()}) {
            out.append(money(v)).append(',');
        }
        out.append(money(t.rewardPoints())).append('\n');
    }

    // toPlainString: toString would write 1E+3 for a price that was scaled down, which spreadsheets misread.
    private static String money(BigDecimal v) { return v == null ? "" : v.toPlainString(); }

    private static String name(Enum<?> e) { return e == null ? "" : e.name(); }

    /** RFC 4180: quoted, with quotes doubled, only if the field holds a comma, a quote or a line break. */
    static String field(String s) {
        if (s == null) return "";
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) return s;
        return '"' + s.replace("\"", "\"\"") + '"';
    }
}
