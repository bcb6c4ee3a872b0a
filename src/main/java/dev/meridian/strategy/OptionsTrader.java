package dev.meridian.strategy;

import dev.meridian.config.OptionsPolicy;
import dev.meridian.core.AssetClass;
import dev.meridian.core.Bar;
import dev.meridian.core.Mark;
import dev.meridian.core.Mode;
import dev.meridian.core.PackageTicket;
import dev.meridian.core.Regime;
import dev.meridian.core.SessionLabel;
import dev.meridian.core.Side;
import dev.meridian.options.DeltaExposure;
import dev.meridian.options.OptionChain;
import dev.meridian.options.OptionPackage;
import dev.meridian.options.PackageOrders;
import dev.meridian.options.PackageTrader;
import dev.meridian.options.UnderlyingVolatility;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/**
 * The OPTIONS mode on one underlying as the strategy runs it, shared by the backtest and the
 * running bot: a {@link PackageTrader} over the synthetic chain, priced at the underlying's
 * {@link UnderlyingVolatility}, whose entries and exits become {@link TradeIntent}s carrying a
 * {@link PackageTicket} (see {@link PackageOrders} for the mapping), plus the package's mark per
 * unit on each bar it is held. Feed it every bar of the strategy timeframe, warm-up bars too (they
 * only feed the volatility).
 *
 * <p>Entries only when the regime is warm, a day of volatility is known, the session allows
 * OPTIONS, no other Strategy Mode is forced and nothing upstream blocks ({@code block}: stale data
 * in the bot, a risk halt in the backtest). The mode chooser does not pick among packages. The
 * trader counts a package as open as soon as it emits the entry; when the entry is refused
 * downstream the owner calls {@link #refused(String)}. Not thread-safe; one per underlying.
 */
public final class OptionsTrader {
    /**
     * The package budget from the sizer's phases: below {@code equityThresholdUsd} the fixed
     * {@code fixedTradeUsd} of premium or max loss, above it {@code maxRiskPct} of the equity.
     */
    public record Budget(BigDecimal equityThresholdUsd, BigDecimal fixedTradeUsd, BigDecimal maxRiskPct) {
        public BigDecimal of(BigDecimal equity) {
            return equity.compareTo(equityThresholdUsd) < 0 ? fixedTradeUsd : equity.multiply(maxRiskPct);
        }
    }

    /** What one bar did: the intent to send, the mark of the package held after it, and a note for the status. */
    public record Result(Optional<TradeIntent> intent, Optional<Mark> mark, String note) {
    }

    private final PackageTrader trader;
    private final UnderlyingVolatility vol;
    private final SymbolTrader.SessionTerms terms;
    private final Budget budget;
    /** The package whose exit was emitted last, until the next bar's decision: taken back if that exit is refused. */
    private PackageTrader.Closed lastExit;

    public OptionsTrader(PackageTrader.Params params, OptionsPolicy policy, int strategyTimeframeSec,
                         SymbolTrader.SessionTerms terms, Budget budget) {
        this.trader = new PackageTrader(params, policy);
        this.vol = new UnderlyingVolatility(strategyTimeframeSec);
        this.terms = terms;
        this.budget = budget;
    }

    /**
     * One bar of the underlying.
     *
     * @param ledgerEquity the OPTIONS sub-ledger's equity (the budget's base and the delta rail's)
     */
    public Result onBar(String source, Bar bar, Regime regime, double confidence, boolean warm, SessionLabel session,
                        Optional<Mode> forced, Optional<String> block, BigDecimal ledgerEquity) {
        return onBar(source, bar, regime, confidence, warm, session, forced, block, ledgerEquity, Optional.empty(), List.of());
    }

    /**
     * One bar, with the venue's chain when a recent one is known and the exposures of the
     * sub-ledger's packages on other underlyings (see {@link PackageTrader#onBar}).
     */
    public Result onBar(String source, Bar bar, Regime regime, double confidence, boolean warm, SessionLabel session,
                        Optional<Mode> forced, Optional<String> block, BigDecimal ledgerEquity, Optional<OptionChain> venueChain,
                        List<DeltaExposure> others) {
        vol.update(bar.closeD());
        if (bar.warmup()) return new Result(Optional.empty(), Optional.empty(), "warm-up");
        boolean allowed = terms.of(session, AssetClass.OPTIONS).allowedModes().contains(Mode.OPTIONS);
        boolean forcedElsewhere = forced.isPresent() && forced.get() != Mode.OPTIONS;
        boolean mayEnter = warm && vol.ready() && allowed && !forcedElsewhere && block.isEmpty();
        PackageTrader.Step step = trader.onBar(bar.symbol(), bar.closeTimeMs(), bar.closeD(), vol.annualised(), regime, confidence,
                mayEnter, budget.of(ledgerEquity), ledgerEquity, venueChain, others);
        Optional<TradeIntent> intent = Optional.empty();
        String note = block.isPresent() && trader.open().isEmpty() ? block.get() : step.note();
        if (step.closed().isPresent()) {
            PackageTrader.Closed c = step.closed().get();
            lastExit = c;
            OptionPackage pkg = c.open().pkg();
            intent = Optional.of(intent(source, bar, pkg, PackageOrders.exitSide(pkg), false, c.open().regime(), session,
                    PackageOrders.exitRef(c), c.open().regimeConfidence(), "OPTIONS: " + c.why(), PackageOrders.exitTicket(c)));
        } else if (step.opened().isPresent()) {
            PackageTrader.Open o = step.opened().get();
            OptionPackage pkg = o.pkg();
            intent = Optional.of(intent(source, bar, pkg, PackageOrders.entrySide(pkg), true, o.regime(), session,
                    PackageOrders.entryRef(o), o.regimeConfidence(), "OPTIONS: " + pkg.kind() + " in " + regime,
                    PackageOrders.entryTicket(o)));
        }
        Optional<Mark> mark = trader.open().map(o -> new Mark(PackageOrders.symbol(o.pkg()), AssetClass.OPTIONS, bar.closeTimeMs(),
                PackageOrders.perUnit(o.pkg(), trader.markedMid().orElseThrow())));
        return new Result(intent, mark, note);
    }

    /** The entry of the package named {@code symbol} was refused downstream: forget it, there is no position. */
    public boolean refused(String symbol) {
        Optional<PackageTrader.Open> o = trader.open();
        if (o.isEmpty() || !PackageOrders.symbol(o.get().pkg()).equals(symbol)) return false;
        trader.abandon();
        return true;
    }

    /**
     * The exit of the package named {@code symbol} was refused downstream: the position is still
     * held, so the package is managed again (its exit is decided anew on the next bar).
     */
    public boolean exitRefused(String symbol) {
        if (lastExit == null || trader.open().isPresent() || !PackageOrders.symbol(lastExit.open().pkg()).equals(symbol)) return false;
        trader.reinstate(lastExit);
        lastExit = null;
        return true;
    }

    /** The open package's exposure as of the last bar, if one is open. */
    public Optional<DeltaExposure> exposure() { return trader.exposure(); }

    /** The open package, if any (for persisting it). */
    public Optional<PackageTrader.Open> open() { return trader.open(); }

    /** What the open package was decided from (stored so a restart can rebuild it). */
    public Optional<PackageTrader.EntryInputs> entryInputs() { return trader.entryInputs(); }

    /**
     * After a restart: rebuilds the package decided from {@code in} and keeps it open only if its
     * symbol is among {@code held} (the portfolio's open OPTIONS positions); returns the symbol kept.
     */
    public Optional<String> restore(PackageTrader.EntryInputs in, java.util.Set<String> held) {
        Optional<PackageTrader.Open> o = trader.reopen(in);
        if (o.isPresent() && held.contains(PackageOrders.symbol(o.get().pkg()))) return Optional.of(PackageOrders.symbol(o.get().pkg()));
        trader.abandon();
        return Optional.empty();
    }

    private static TradeIntent intent(String source, Bar bar, OptionPackage pkg, Side side, boolean entry, Regime regime,
                                      SessionLabel session, BigDecimal ref, double confidence, String reason, PackageTicket ticket) {
        return new TradeIntent(source, bar.seq(), bar.closeTimeMs(), PackageOrders.symbol(pkg), AssetClass.OPTIONS, side, entry,
                Mode.OPTIONS, regime, session, ref, 0, BigDecimal.ZERO, confidence, reason, ticket);
    }
}
