package dev.meridian.portfolio;

import dev.meridian.core.AssetClass;
import dev.meridian.core.Fill;
import dev.meridian.core.ForexPair;
import dev.meridian.core.Order;
import dev.meridian.core.Side;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The sub-ledgers and open positions, in exact decimals. Invariants: a sub-ledger's equity is its
 * cash plus the market value of its positions ({@link Position#marketValue()}); realized net P&L
 * grows only by closed trades' {@code netPnl}. Cash classes (SPOT, OPTIONS) pay the notional and
 * fee on entry and receive it back less the fee on exit, so
 * {@code cash = allocation + realizedNetPnl − cost of open positions (incl. entry costs)}. They are
 * side-aware: a SELL entry (only an OPTIONS credit package, see {@link #sellEntryAllowed}) receives
 * the notional, and its exit pays it back, so entry cash −= sign × notional, exit cash += position
 * sign × qty × exit price, and such a position's market value is negative. SPOT is long only. Margined classes (PERP, FOREX) may be long or short and pay only fees on entry, then
 * receive the fill-to-fill P&L less the fee on exit (and pay funding while open, which becomes
 * part of the trade's fees), so {@code cash = allocation + realizedNetPnl − fees and funding of
 * open positions}. An exit closes the whole position or, when a live order ended part-filled, a
 * part of it (booked as its own trade). Not thread-safe; the portfolio verticle owns one.
 *
 * <p><b>FOREX in USD.</b> A forex fill's price and slippage are in the pair's quote currency (JPY
 * for USD_JPY), its fee in USD ({@link Fill}); the sub-ledger is USD, so the ledger converts with
 * the pair's own price ({@link ForexPair}): a fill's slippage at that fill's price, the price P&L
 * the fills realize, {@code qty × (exit fill − entry fill) × sign}, at the exit fill's price, and an
 * open position's P&L at its mark. The trade's
 * {@code gross_pnl} is {@code qty × (exit ref − entry ref) × sign} converted at the exit ref
 * price, so it is computed from the trade's own columns; its {@code slippage} is gross minus the
 * realized price P&L (what the fills cost against the decision prices, in USD), so
 * {@code net = gross − fees − slippage} stays exact and the cash moves by exactly the net P&L over
 * the round trip. {@code size_usd} is the entry's USD notional ({@code qty} for USD_JPY,
 * {@code qty × entry} for EUR_USD). A pair without a USD leg cannot be booked (the fill is refused
 * with an {@link IllegalArgumentException}; sizing and replay sources refuse such pairs earlier).
 */
public final class Ledger {
    /** A sub-ledger's mutable balances. */
    public static final class SubLedger {
        final AssetClass assetClass;
        final BigDecimal allocation;
        BigDecimal cash;
        BigDecimal realizedNetPnl;
        BigDecimal feesPaid;

        public SubLedger(AssetClass assetClass, BigDecimal allocation, BigDecimal cash, BigDecimal realizedNetPnl,
                         BigDecimal feesPaid) {
            this.assetClass = assetClass;
            this.allocation = allocation;
            this.cash = cash;
            this.realizedNetPnl = realizedNetPnl;
            this.feesPaid = feesPaid;
        }

        public AssetClass assetClass() { return assetClass; }

        public BigDecimal allocation() { return allocation; }

        public BigDecimal cash() { return cash; }

        public BigDecimal realizedNetPnl() { return realizedNetPnl; }

        public BigDecimal feesPaid() { return feesPaid; }
    }

    /**
     * What one fill did: the position after it (empty when closed) and the trade it closed, if any.
     * An entry has a position and no trade, a whole exit a trade and no position, a partial exit both.
     */
    public record Booking(Fill fill, SubLedger ledger, Optional<Position> position, Optional<ClosedTrade> closed) {
    }

    private final Map<AssetClass, SubLedger> ledgers = new EnumMap<>(AssetClass.class);
    private final Map<String, Position> positions = new LinkedHashMap<>();

    public Ledger(List<SubLedger> subLedgers, List<Position> open) {
        for (SubLedger l : subLedgers) ledgers.put(l.assetClass, l);
        for (Position p : open) positions.put(key(p.symbol(), p.assetClass()), p);
    }

    /** A fresh ledger with each class's cash equal to its allocation. */
    public static Ledger fromAllocation(Map<AssetClass, BigDecimal> allocationUsd) {
        List<SubLedger> l = new ArrayList<>();
        for (AssetClass c : AssetClass.values()) {
            BigDecimal a = allocationUsd.getOrDefault(c, BigDecimal.ZERO);
            l.add(new SubLedger(c, a, a, BigDecimal.ZERO, BigDecimal.ZERO));
        }
        return new Ledger(l, List.of());
    }

    public Optional<Position> position(String symbol, AssetClass c) {
        return Optional.ofNullable(positions.get(key(symbol, c)));
    }

    public List<Position> positions() { return List.copyOf(positions.values()); }

    public SubLedger subLedger(AssetClass c) { return ledgers.get(c); }

    /** Applies a fill and returns what it did. Throws if the fill contradicts the book. */
    public Booking apply(Fill fill) {
        Order o = fill.order();
        SubLedger l = ledgers.get(o.assetClass());
        if (l == null) throw new IllegalStateException("no sub-ledger for " + o.assetClass());
        String k = key(o.symbol(), o.assetClass());
        Position existing = positions.get(k);
        BigDecimal notional = fill.qty().multiply(fill.price());
        ForexPair pair = o.assetClass() == AssetClass.FOREX ? ForexPair.parse(o.symbol()).requireUsdLeg() : null;
        if (o.entry()) {
            if (existing != null) throw new IllegalStateException("entry fill " + fill.id() + " for " + o.symbol() + " while a position is open");
            if (o.side() != Side.BUY && !sellEntryAllowed(o.assetClass())) {
                throw new IllegalStateException(o.assetClass() + " is long only; entry fill " + fill.id() + " is a SELL");
            }
            BigDecimal paid = o.assetClass().margined() ? BigDecimal.ZERO : notional.multiply(BigDecimal.valueOf(o.side().sign()));
            l.cash = l.cash.subtract(paid).subtract(fill.fee());
            l.feesPaid = l.feesPaid.add(fill.fee());
            BigDecimal slippage = pair == null ? fill.slippage() : pair.quoteToUsd(fill.slippage(), fill.price());
            Position p = new Position(o.symbol(), o.assetClass(), o.side(), fill.qty(), o.refPrice(), fill.price(),
                    fill.timeMs(), fill.fee(), slippage, o.stopPrice(), o.leverage(), o.equityBefore(),
                    o.sizeUsd(), o.riskUsd(), o.mode(), o.regime(), o.session(), o.signalScore(), o.goodSetup(),
                    o.boundBy(), fill.price(), o.paper());
            positions.put(k, p);
            return new Booking(fill, l, Optional.of(p), Optional.empty());
        }
        if (existing == null) throw new IllegalStateException("exit fill " + fill.id() + " for " + o.symbol() + " with no open position");
        if (o.side() == existing.side() || fill.qty().compareTo(existing.qty()) > 0) {
            throw new IllegalStateException("exit fill " + fill.id() + " of " + fill.qty().toPlainString() + " does not reduce the "
                    + existing.qty().toPlainString() + " " + o.symbol() + " position");
        }
        // A partial exit (a live order cancelled after part of it filled) closes that part as its own
        // trade; the entry's costs and size are split in proportion, and the remainder stays with the
        // open position so the two parts add up to the original amounts exactly.
        boolean whole = fill.qty().compareTo(existing.qty()) == 0;
        Position closedPart = whole ? existing : existing.portion(fill.qty());
        BigDecimal sign = BigDecimal.valueOf(existing.side().sign());
        BigDecimal gross = fill.qty().multiply(o.refPrice().subtract(existing.entryRefPrice())).multiply(sign);
        BigDecimal fees = closedPart.entryFees().add(fill.fee());
        BigDecimal released;
        BigDecimal slippage;
        if (pair == null) {
            released = o.assetClass().margined()
                    ? fill.qty().multiply(fill.price().subtract(existing.entryPrice())).multiply(sign)
                    : notional.multiply(sign);
            slippage = closedPart.entrySlippage().add(fill.slippage());
        } else {
            // Gross at the decision prices, the realized P&L at the fills' (class comment): the fills'
            // cost is their difference, so the cash below moves by exactly gross − slippage.
            gross = pair.quoteToUsd(gross, o.refPrice());
            released = pair.quoteToUsd(fill.qty().multiply(fill.price().subtract(existing.entryPrice())).multiply(sign), fill.price());
            slippage = gross.subtract(released);
        }
        l.cash = l.cash.add(released).subtract(fill.fee());
        l.feesPaid = l.feesPaid.add(fill.fee());
        BigDecimal net = gross.subtract(fees).subtract(slippage);
        // A package's size is what it puts at stake (premium paid or maximum loss), decided at entry;
        // its value per unit (the ref price) is neither for a credit package.
        BigDecimal sizeUsd = o.assetClass() == AssetClass.OPTIONS ? closedPart.sizeUsd()
                : pair != null ? pair.usdNotional(closedPart.qty(), existing.entryRefPrice())
                : closedPart.qty().multiply(existing.entryRefPrice());
        BigDecimal netPct = sizeUsd.signum() == 0 ? BigDecimal.ZERO
                : net.multiply(BigDecimal.valueOf(100)).divide(sizeUsd, 8, RoundingMode.HALF_EVEN);
        l.realizedNetPnl = l.realizedNetPnl.add(net);
        Optional<Position> rest = Optional.empty();
        if (whole) {
            positions.remove(k);
        } else {
            Position remainder = existing.minus(closedPart);
            positions.put(k, remainder);
            rest = Optional.of(remainder);
        }
        ClosedTrade t = new ClosedTrade(0, fill.id(), existing.entryTimeMs(), fill.timeMs(), o.symbol(),
                o.assetClass(), existing.mode(), existing.regime(), existing.session(), existing.side(), fill.qty(),
                existing.entryRefPrice(), o.refPrice(), existing.stopPrice(), existing.leverage(),
                existing.equityBefore(), sizeUsd, closedPart.riskUsd(), existing.signalScore(), existing.goodSetup(),
                gross, fees, slippage, net, netPct, null, existing.boundBy(), o.paper());
        return new Booking(fill, l, rest, Optional.of(t));
    }

    /** A funding payment booked on an open perp position (a fee, never a fill); {@code execId} is the venue's, null on paper. */
    public record Funding(Position position, SubLedger ledger, BigDecimal fee, BigDecimal rate, BigDecimal markPrice, long timeMs,
                          String execId) {
    }

    /**
     * Books one funding settlement on the symbol's open PERP position, if any: {@code qty × mark ×
     * rate}, paid by a long and received by a short when the rate is positive. Cash and fees paid
     * move by it, and it joins the position's fees so its closed trade keeps
     * {@code net = gross − fees − slippage} exact.
     */
    public Optional<Funding> fund(String symbol, AssetClass c, BigDecimal rate, BigDecimal markPrice, long timeMs) {
        if (c != AssetClass.PERP) return Optional.empty();
        Position p = positions.get(key(symbol, c));
        if (p == null) return Optional.empty();
        BigDecimal fee = p.qty().multiply(markPrice).multiply(rate).multiply(BigDecimal.valueOf(p.side().sign()));
        return Optional.of(book(p, fee, rate, markPrice, timeMs, null));
    }

    /**
     * Books funding a venue settled on the symbol's live margined position (a perp's funding, a
     * forex position's financing): the venue's {@code fee} in USD, with the rate it implies on the
     * position's USD notional at its last price (for the record). Empty when no live position is
     * open there (the settlement is then not ours to book, and is logged by the caller).
     */
    public Optional<Funding> fundLive(String symbol, AssetClass c, BigDecimal fee, long timeMs, String execId) {
        Position p = positions.get(key(symbol, c));
        if (!c.margined() || p == null || p.paper()) return Optional.empty();
        BigDecimal quoteNotional = p.qty().multiply(p.lastPrice());
        BigDecimal notional = c == AssetClass.FOREX ? dev.meridian.core.ForexPair.parse(symbol).quoteToUsd(quoteNotional, p.lastPrice())
                : quoteNotional;
        BigDecimal rate = notional.signum() == 0 ? BigDecimal.ZERO
                : fee.multiply(BigDecimal.valueOf(p.side().sign())).divide(notional, java.math.MathContext.DECIMAL64);
        return Optional.of(book(p, fee, rate, p.lastPrice(), timeMs, execId));
    }

    private Funding book(Position p, BigDecimal fee, BigDecimal rate, BigDecimal markPrice, long timeMs, String execId) {
        String k = key(p.symbol(), p.assetClass());
        SubLedger l = ledgers.get(p.assetClass());
        l.cash = l.cash.subtract(fee);
        l.feesPaid = l.feesPaid.add(fee);
        Position after = p.withFunding(fee);
        positions.put(k, after);
        return new Funding(after, l, fee, rate, markPrice, timeMs, execId);
    }

    /** Marks the symbol's open positions at a new last price; returns whether any changed. */
    public boolean mark(String symbol, AssetClass c, BigDecimal price) {
        String k = key(symbol, c);
        Position p = positions.get(k);
        if (p == null || p.lastPrice().compareTo(price) == 0) return false;
        positions.put(k, p.markedAt(price));
        return true;
    }

    public PortfolioSnapshot snapshot() {
        return snapshot(Map.of());
    }

    /**
     * The snapshot with LIVE wallet caps applied: a capped sub-ledger shows the cap, and its equity
     * is at most the cap (no invented equity); uncapped sub-ledgers show their allocation as cap.
     */
    public PortfolioSnapshot snapshot(Map<AssetClass, BigDecimal> walletCaps) {
        List<PortfolioSnapshot.SubLedgerView> views = new ArrayList<>();
        BigDecimal total = BigDecimal.ZERO;
        for (SubLedger l : ledgers.values()) {
            BigDecimal mv = BigDecimal.ZERO;
            BigDecimal unreal = BigDecimal.ZERO;
            for (Position p : positions.values()) {
                if (p.assetClass() == l.assetClass) {
                    mv = mv.add(p.marketValue());
                    unreal = unreal.add(p.unrealizedPnl());
                }
            }
            BigDecimal cap = walletCaps.getOrDefault(l.assetClass, l.allocation);
            BigDecimal equity = l.cash.add(mv);
            if (walletCaps.containsKey(l.assetClass)) equity = equity.min(cap);
            total = total.add(equity);
            views.add(new PortfolioSnapshot.SubLedgerView(l.assetClass, equity, l.cash, cap,
                    l.realizedNetPnl, unreal, false));
        }
        List<PortfolioSnapshot.PositionView> pv = positions.values().stream()
                .sorted(Comparator.comparing(Position::symbol))
                .map(p -> new PortfolioSnapshot.PositionView(p.symbol(), p.assetClass(), p.side(), p.qty(),
                        p.entryPrice(), p.stopPrice(), p.lastPrice(), p.unrealizedPnl(), p.entryTimeMs(), p.paper(), p.leverage()))
                .toList();
        return new PortfolioSnapshot(total, views, pv);
    }

    /**
     * Whether a class may open with a SELL: the shortable (margined) classes, and OPTIONS, where a
     * credit package (an iron condor) is a package sold for its premium. Kept apart from
     * {@link AssetClass#shortable()}, which the strategy reads to decide shorts of the underlying.
     */
    public static boolean sellEntryAllowed(AssetClass c) { return c.shortable() || c == AssetClass.OPTIONS; }

    private static String key(String symbol, AssetClass c) { return c + ":" + symbol; }
}
