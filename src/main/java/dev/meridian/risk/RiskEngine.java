package dev.meridian.risk;

import dev.meridian.learning.KpiGates;
import dev.meridian.core.AssetClass;
import dev.meridian.core.Order;
import dev.meridian.core.OrderRejected;
import dev.meridian.core.PackageTicket;
import dev.meridian.core.Side;
import dev.meridian.options.PackageOrders;
import dev.meridian.core.SessionLabel;
import dev.meridian.funds.FundsState;
import dev.meridian.portfolio.PortfolioSnapshot;
import dev.meridian.portfolio.PortfolioSnapshot.PositionView;
import dev.meridian.strategy.TradeIntent;

import java.math.BigDecimal;
import java.util.Optional;

/**
 * Gates every intent before it becomes an order. Exits always pass (closing risk is never blocked)
 * and take the whole open quantity. Entries must pass, in order: the funds controller (paused,
 * asset-class switch), the {@link Sizer}, the {@link RiskRails} (drawdown and daily-loss halts,
 * open positions, one position per symbol, leverage, liquidation buffer), then enough cash. Every
 * decision first shows the rails the sub-ledger's equity at the intent's event time. The result
 * is an {@link Order} or an {@link OrderRejected} naming the rule that refused it (rail refusals
 * carry their reason code). Orders leave as paper unless Allow Funds is ON and the {@link KpiGates}
 * find the (asset class, mode) eligible for LIVE funds (execution re-checks the funds controller
 * right before sending); the same eligibility is the "KPI rails pass" half of a good setup.
 */
public final class RiskEngine {
    private static final java.util.logging.Logger LOG = java.util.logging.Logger.getLogger(RiskEngine.class.getName());
    /** The session profile's size multiplier for a session and asset class ({@code session_policy.json}). */
    public interface SessionSizing {
        BigDecimal sizeMult(SessionLabel session, AssetClass assetClass);
    }

    private final Sizer sizer;
    private final RiskRails rails;
    private final SessionSizing sessions;
    private final KpiGates kpis;

    public RiskEngine(Sizer sizer, RiskRails rails, SessionSizing sessions, KpiGates kpis) {
        this.sizer = sizer;
        this.rails = rails;
        this.sessions = sessions;
        this.kpis = kpis;
    }

    /** Either an order or a rejection; never both, never neither. */
    public record Decision(Order order, OrderRejected rejected) {
        public Optional<Order> approved() { return Optional.ofNullable(order); }
    }

    public Decision decide(TradeIntent in, FundsState funds, PortfolioSnapshot portfolio) {
        return decide(in, funds, portfolio, Optional.empty());
    }

    /** As {@link #decide(TradeIntent, FundsState, PortfolioSnapshot)}, sizing to the instrument's filters when known. */
    public Decision decide(TradeIntent in, FundsState funds, PortfolioSnapshot portfolio, Optional<Sizer.Filter> filter) {
        String id = orderId(in);
        Optional<PositionView> pos = portfolio.positions().stream()
                .filter(p -> p.symbol().equals(in.symbol()) && p.assetClass() == in.assetClass()).findFirst();
        if (!in.entry()) {
            if (pos.isEmpty()) return reject(in, id, "no open position to close");
            PositionView p = pos.get();
            // An exit goes where the position is: a live position is closed live whatever the switches say.
            return approve(in, id, p.qty(), BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ONE, BigDecimal.ZERO, false, "",
                    !p.paper());
        }
        Optional<PortfolioSnapshot.SubLedgerView> ledger = portfolio.ledger(in.assetClass());
        if (ledger.isEmpty()) return reject(in, id, "no " + in.assetClass() + " sub-ledger");
        BigDecimal equity = ledger.get().equity();
        rails.observe(in.assetClass(), equity, in.timeMs());
        if (funds.paused()) return reject(in, id, "funds controller: paused");
        if (!funds.enabled(in.assetClass())) return reject(in, id, "funds controller: " + in.assetClass() + " is off");
        // The KPI rails of a good setup are the live-funds gate: only a proven (asset class, mode) earns the boost.
        boolean proven = kpis.eligibleLive(in.assetClass(), in.mode(), in.timeMs());
        if (in.packageTicket().isPresent()) return decidePackage(in, id, in.packageTicket().get(), equity, ledger.get(), proven, funds, portfolio, pos.isPresent());
        Sizer.Size size = sizer.size(new Sizer.Request(in.assetClass(), in.mode(), in.side(), equity, in.refPrice(),
                in.stopPrice(), in.atr(), in.signalScore(), proven, sessions.sizeMult(in.session(), in.assetClass()), funds.maxPairFraction(),
                portfolio.exposureUsd(in.symbol(), in.assetClass()), filter, in.symbol()));
        if (size.skipped()) return reject(in, id, "sizer: " + size.skipReason());
        RailCheck rail = rails.checkEntry(new RiskRails.Entry(in.assetClass(), in.symbol(), in.side(), in.refPrice(),
                in.stopPrice(), size.leverage(), sizer.tierLeverage(in.mode(), equity), sizer.assetCap(in.assetClass()),
                (int) portfolio.openPositions(), pos.isPresent(), Optional.empty(), in.timeMs()));
        if (!rail.ok()) return reject(in, id, "rail " + rail.reason().name() + ": " + rail.message());
        // A margined class ties up the margin, a cash class pays the notional.
        BigDecimal needed = in.assetClass().margined() ? size.marginUsd() : size.sizeUsd();
        if (needed.compareTo(ledger.get().cash()) > 0) {
            return reject(in, id, "not enough cash in " + in.assetClass() + " for $" + needed.toPlainString()
                    + (in.assetClass().margined() ? " of margin" : ""));
        }
        return approve(in, id, size.qty(), size.sizeUsd(), size.riskUsd(), size.leverage(), equity, size.goodSetup(),
                size.boundBy().map(Enum::name).orElse(""), funds.allowFunds() && proven);
    }

    /**
     * An option package: PackageTrader sized it already (the same fixed $10 / %-risk budget the
     * sizer would pass) and checked the option rails, so the sizer is skipped; the halts, the
     * positions rail and cash still apply. It goes live as any entry does (Allow Funds ON and the
     * OPTIONS KPI gate passed), except a package on the synthetic chain: no venue lists its
     * contracts, so it stays on paper (logged when the gate would have let it go live).
     */
    private Decision decidePackage(TradeIntent in, String id, PackageTicket t, BigDecimal equity,
                                   PortfolioSnapshot.SubLedgerView ledger, boolean proven, FundsState funds,
                                   PortfolioSnapshot portfolio, boolean held) {
        RailCheck halts = rails.checkHalts(in.assetClass(), in.timeMs());
        if (!halts.ok()) return reject(in, id, "rail " + halts.reason().name() + ": " + halts.message());
        RailCheck positions = rails.checkPositions(in.symbol(), (int) portfolio.openPositions(), held);
        if (!positions.ok()) return reject(in, id, "rail " + positions.reason().name() + ": " + positions.message());
        if (t.sizeUsd().compareTo(ledger.cash()) > 0) {
            return reject(in, id, "not enough cash in " + in.assetClass() + " for $" + t.sizeUsd().toPlainString());
        }
        boolean live = funds.allowFunds() && proven && !t.synthetic();
        if (funds.allowFunds() && proven && t.synthetic()) {
            LOG.info("OPTIONS package " + in.symbol() + " is eligible for LIVE funds but goes to paper: its contracts come from the"
                    + " synthetic chain, which no venue lists");
        }
        Order o = new Order(id, in.source(), in.seq(), in.timeMs(), in.symbol(), in.assetClass(), in.side(), true, t.qty(),
                in.refPrice(), in.stopPrice(), BigDecimal.ONE, equity, t.sizeUsd(), t.riskUsd(), in.mode(), in.regime(),
                in.session(), in.signalScore(), false, PackageOrders.boundBy(in.side() == Side.SELL), !live, t);
        return new Decision(o, null);
    }

    /** Deterministic: the same intent after a restart gets the same id, so it cannot trade twice. */
    public static String orderId(TradeIntent in) {
        return "mer-" + Integer.toHexString(in.source().hashCode()) + "-" + in.seq() + "-" + in.symbol() + "-"
                + (in.entry() ? "open" : "close");
    }

    private static Decision approve(TradeIntent in, String id, BigDecimal qty, BigDecimal sizeUsd, BigDecimal riskUsd,
                                    BigDecimal leverage, BigDecimal equity, boolean goodSetup, String boundBy,
                                    boolean live) {
        Order o = new Order(id, in.source(), in.seq(), in.timeMs(), in.symbol(), in.assetClass(), in.side(), in.entry(),
                qty, in.refPrice(), in.stopPrice(), leverage, equity, sizeUsd, riskUsd, in.mode(), in.regime(),
                in.session(), in.signalScore(), goodSetup, boundBy, !live, in.ticket());
        return new Decision(o, null);
    }

    /** A refusal decided outside the engine (a rail the verticle holds), in the engine's form. */
    public static Decision refuse(TradeIntent in, String reason) {
        return reject(in, orderId(in), reason);
    }

    private static Decision reject(TradeIntent in, String id, String reason) {
        return new Decision(null, new OrderRejected(id, in.source(), in.seq(), in.timeMs(), in.symbol(),
                in.assetClass(), in.side(), in.entry(), "risk", reason));
    }
}
