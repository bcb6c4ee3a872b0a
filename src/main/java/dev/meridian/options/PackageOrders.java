package dev.meridian.options;

import dev.meridian.core.PackageTicket;
import dev.meridian.core.Side;
import dev.meridian.core.TicketLeg;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;

/**
 * The one mapping from {@link PackageTrader}'s packages to orders, shared by the backtest and the
 * running bot so both book a package identically: symbol {@code [SYNTHETIC ]<describe(pkg)>}, side
 * BUY for a debit package and SELL for a credit one (the exit the opposite), qty = the package qty,
 * and every price per package unit "as the position sees it": a signed total (entry fill + paid,
 * exit proceeds + received, mid + owned) divided by qty, negated for a credit package. So a debit package's prices are what it is
 * worth or fetches, a credit package's what it would cost to buy back, both normally ≥ 0; an exit
 * fill may be below 0 in the corner where the quotes make closing cost more than the package is
 * worth. The ledger then books, for qty q, gross = q × (exit ref − entry ref) × sign =
 * exitMid − entryMid, and slippage = the spread to the mids, as {@link PackageTrader.Closed} does.
 */
public final class PackageOrders {
    private static final MathContext MC = MathContext.DECIMAL64;

    private PackageOrders() {
    }

    /** The package's trade symbol, naming its legs and whether its chain was synthetic. */
    public static String symbol(OptionPackage pkg) { return (pkg.synthetic() ? "SYNTHETIC " : "") + PackageTrader.describe(pkg); }

    /** BUY for a debit package, SELL for a credit one. */
    public static Side entrySide(OptionPackage pkg) { return pkg.credit() ? Side.SELL : Side.BUY; }

    public static Side exitSide(OptionPackage pkg) { return pkg.credit() ? Side.BUY : Side.SELL; }

    /** Premium paid (debit) or maximum loss (credit): what the package puts at stake. */
    public static BigDecimal sizeUsd(OptionPackage pkg) { return pkg.credit() ? pkg.maxLoss() : pkg.netPremium(); }

    /** The sizing rule that set the package's size, for the trade's {@code bound_by}. */
    public static String boundBy(OptionPackage pkg) { return boundBy(pkg.credit()); }

    /** As above for a credit (sold, sized by max loss) or debit (bought, sized by premium) package. */
    public static String boundBy(boolean credit) { return "OPTIONS_" + (credit ? "MAX_LOSS" : "PREMIUM"); }

    /** A signed total (+ paid or owned) per unit, as the position of {@code pkg} sees it. */
    public static BigDecimal perUnit(OptionPackage pkg, BigDecimal signedTotal) {
        BigDecimal v = signedTotal.divide(pkg.qty(), MC);
        return pkg.credit() ? v.negate() : v;
    }

    /** The entry's decision price: the package's mid per unit. */
    public static BigDecimal entryRef(PackageTrader.Open o) { return perUnit(o.pkg(), o.entryMid()); }

    /** The entry's fill: the quotes' net premium per unit, the legs' fees, and the legs as contract orders at their quotes. */
    public static PackageTicket entryTicket(PackageTrader.Open o) {
        OptionPackage pkg = o.pkg();
        List<TicketLeg> legs = new ArrayList<>();
        for (OptionPackage.Leg l : pkg.optionLegs()) {
            legs.add(new TicketLeg(l.contract().orElseThrow().symbol(), l.side(), l.qty(), l.price()));
        }
        return new PackageTicket(pkg.qty(), perUnit(pkg, o.entryFill()), o.entryFees(), sizeUsd(pkg), pkg.maxLoss(), legs,
                pkg.synthetic());
    }

    /** The exit's decision price: the package's mid per unit when it closed. */
    public static BigDecimal exitRef(PackageTrader.Closed c) { return perUnit(c.open().pkg(), c.exitMid()); }

    /**
     * The exit's fill: the proceeds per unit (fetched for a debit package, paid for a credit one),
     * fees, and the closing contract orders (each leg's opposite side at its closing quote). A leg
     * with no price to close at (a bought contract nobody bids for) is left out: it is worthless
     * and expires so. An expired package has no legs: the venue settles it, no order is sent.
     */
    public static PackageTicket exitTicket(PackageTrader.Closed c) {
        OptionPackage pkg = c.open().pkg();
        List<TicketLeg> legs = new ArrayList<>();
        List<OptionPackage.Leg> option = pkg.optionLegs();
        for (int i = 0; i < option.size() && !c.expired(); i++) {
            OptionPackage.Leg l = option.get(i);
            BigDecimal price = c.exitPrices().get(i);
            if (price.signum() > 0) legs.add(new TicketLeg(l.contract().orElseThrow().symbol(), l.side().opposite(), l.qty(), price));
        }
        return new PackageTicket(pkg.qty(), perUnit(pkg, c.exitProceeds()), c.exitFees(), sizeUsd(pkg), pkg.maxLoss(), legs,
                pkg.synthetic());
    }
}
