package dev.meridian.strategy;

import dev.meridian.core.AssetClass;
import dev.meridian.core.Mode;
import dev.meridian.core.PackageTicket;
import dev.meridian.core.Regime;
import dev.meridian.core.SessionLabel;
import dev.meridian.core.Side;

import java.math.BigDecimal;
import java.util.Optional;

/**
 * What a strategy wants: open ({@code entry}) or close a position at about {@code refPrice} (the
 * decision price, against which slippage is measured). {@code atr} and {@code stopPrice} feed the
 * sizer; {@code signalScore} in [0,1] says how good the setup looks. {@code seq} and
 * {@code timeMs} are those of the source event that closed the deciding bar.
 */
public record TradeIntent(String source, long seq, long timeMs, String symbol, AssetClass assetClass, Side side,
                          boolean entry, Mode mode, Regime regime, SessionLabel session, BigDecimal refPrice,
                          double atr, BigDecimal stopPrice, double signalScore, String reason,
                          PackageTicket ticket) {
    /** An intent without a package ticket (every class but an option package). */
    public TradeIntent(String source, long seq, long timeMs, String symbol, AssetClass assetClass, Side side,
                       boolean entry, Mode mode, Regime regime, SessionLabel session, BigDecimal refPrice,
                       double atr, BigDecimal stopPrice, double signalScore, String reason) {
        this(source, seq, timeMs, symbol, assetClass, side, entry, mode, regime, session, refPrice, atr, stopPrice, signalScore,
                reason, null);
    }

    /** The package ticket, if this is an option package intent. */
    public Optional<PackageTicket> packageTicket() { return Optional.ofNullable(ticket); }
}
