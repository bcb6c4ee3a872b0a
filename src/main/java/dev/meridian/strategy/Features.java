package dev.meridian.strategy;

import dev.meridian.core.Bar;
import dev.meridian.indicators.Adx;
import dev.meridian.indicators.Atr;
import dev.meridian.indicators.BollingerBands;
import dev.meridian.indicators.Donchian;
import dev.meridian.indicators.Ema;
import dev.meridian.indicators.Macd;
import dev.meridian.indicators.Rsi;
import dev.meridian.indicators.Sma;
import dev.meridian.indicators.Vwap;

/**
 * Every indicator the modes read, for one symbol on the strategy timeframe, updated once per
 * closed bar and shared by all modes (so switching mode never restarts a warm-up). Alongside the
 * current values it keeps the previous bar's close, fast EMA, MACD histogram and Donchian channel,
 * which crossovers and breakouts compare against.
 *
 * <p>Invariants: {@link #ready()} is false until every indicator is past its warm-up and the
 * values are finite with a positive ATR; no value at bar i depends on bars after i. Not
 * thread-safe: one instance per symbol.
 */
public final class Features implements FeatureView {
    private final Ema fast;
    private final Ema slow;
    private final Atr atr;
    private final Rsi rsi;
    private final BollingerBands bands;
    private final Donchian donchian;
    private final Adx adx;
    private final Macd macd;
    private final Vwap vwap;
    private final Sma volumeAvg;
    private final int warmupBars;
    private int bars;

    private double close = Double.NaN;
    private double volume = Double.NaN;
    private double prevClose = Double.NaN;
    private double prevFast = Double.NaN;
    private double prevHistogram = Double.NaN;
    private double prevDonchianUpper = Double.NaN;
    private double prevDonchianLower = Double.NaN;

    public Features(StrategyParams p) {
        fast = new Ema(p.emaFast());
        slow = new Ema(p.emaSlow());
        atr = new Atr(p.atrPeriod());
        rsi = new Rsi(p.rsiPeriod());
        bands = new BollingerBands(p.bbPeriod(), p.bbStddev());
        donchian = new Donchian(p.donchianPeriod());
        adx = new Adx(p.atrPeriod());
        macd = new Macd(p.macdFast(), p.macdSlow(), p.macdSignal());
        vwap = new Vwap(p.vwapPeriod());
        volumeAvg = new Sma(p.volumePeriod());
        // +1: the previous-bar values (crossovers, the prior channel) need one bar more than the indicators.
        warmupBars = 1 + Math.max(Math.max(Math.max(p.emaSlow(), p.atrPeriod()), Math.max(rsi.warmupBars(), p.bbPeriod())),
                Math.max(Math.max(p.donchianPeriod(), adx.warmupBars()), Math.max(macd.warmupBars(),
                        Math.max(vwap.warmupBars(), p.volumePeriod()))));
    }

    /** Bars before {@link #ready()} can be true. */
    public int warmupBars() { return warmupBars; }

    public void update(Bar bar) {
        prevClose = close;
        prevFast = fast.ready() ? fast.value() : Double.NaN;
        prevHistogram = macd.ready() ? macd.histogram() : Double.NaN;
        prevDonchianUpper = donchian.upper();
        prevDonchianLower = donchian.lower();
        double h = bar.highD();
        double l = bar.lowD();
        close = bar.closeD();
        volume = bar.volume().doubleValue();
        fast.update(close);
        slow.update(close);
        atr.update(h, l, close);
        rsi.update(close);
        bands.update(close);
        donchian.update(h, l);
        adx.update(h, l, close);
        macd.update(close);
        vwap.update(h, l, close, volume);
        volumeAvg.update(volume);
        bars++;
    }

    public boolean ready() {
        if (bars < warmupBars || !fast.ready() || !slow.ready() || !atr.ready() || !rsi.ready() || !bands.ready()
                || !donchian.ready() || !adx.ready() || !macd.ready() || !vwap.ready() || !volumeAvg.ready()) {
            return false;
        }
        return atr.value() > 0 && allFinite(close, prevClose, fast.value(), prevFast, slow.value(), atr.value(), rsi.value(),
                bands.middle(), bands.stdDev(), prevDonchianUpper, prevDonchianLower, donchian.middle(), adx.value(),
                adx.plusDi(), adx.minusDi(), macd.histogram(), prevHistogram, vwap.value(), volumeAvg.value(), volume);
    }

    private static boolean allFinite(double... xs) {
        for (double x : xs) if (!Double.isFinite(x)) return false;
        return true;
    }

    public double close() { return close; }
    public double prevClose() { return prevClose; }
    public double emaFast() { return fast.value(); }
    public double prevEmaFast() { return prevFast; }
    public double emaSlow() { return slow.value(); }
    public double atr() { return atr.value(); }
    public double rsi() { return rsi.value(); }
    public double bbMiddle() { return bands.middle(); }
    public double bbStdDev() { return bands.stdDev(); }
    public double bbLower() { return bands.lower(); }
    public double bbUpper() { return bands.upper(); }
    public double prevDonchianUpper() { return prevDonchianUpper; }
    public double prevDonchianLower() { return prevDonchianLower; }
    public double donchianMiddle() { return donchian.middle(); }
    public double adx() { return adx.value(); }
    public double plusDi() { return adx.plusDi(); }
    public double minusDi() { return adx.minusDi(); }
    public double macdHistogram() { return macd.histogram(); }
    public double prevMacdHistogram() { return prevHistogram; }
    public double vwap() { return vwap.value(); }
    public double volume() { return volume; }
    public double volumeAverage() { return volumeAvg.value(); }
}
