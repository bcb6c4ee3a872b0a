package dev.meridian.bus;

/**
 * The one registry of event-bus addresses. Kinds by prefix: {@code md.*} market data,
 * {@code evt.*} facts that happened (published, any number of listeners), {@code cmd.*} requests
 * that may be refused (point to point). The decision chain uses one inbox per stage so that a
 * {@link Watermark} stays in order with the messages before it.
 */
public final class Addresses {
    private Addresses() {
    }

    // Market data (published).
    /** Every trade print ({@code Tick}). */
    public static final String MD_TICK = "md.tick";
    /** Closed bars ({@code Bar}) and {@link Watermark}s, in source order: the regime stage's inbox. */
    public static final String MD_BAR = "md.bar";
    /** Mark prices of instruments without trade prints (option packages), from the strategy to the portfolio ({@code core.Mark}). */
    public static final String MD_MARK = "md.mark";
    /** A venue's top of book of a symbol without trade prints ({@code core.Quote}, forex): for the paper venue. */
    public static final String MD_QUOTE = "md.quote";
    /** A venue's option chain of one base coin ({@code core.OptionBoard}), published by the live market data. */
    public static final String MD_OPTION_BOARD = "md.option_board";
    /** Market-data source state ({@code MarketStatus}). */
    public static final String EVT_MARKET_STATUS = "evt.market.status";
    /** The live symbol universe changed ({@code UniverseChange}). */
    public static final String EVT_UNIVERSE = "evt.universe";
    /** Instrument filters of a category, after each refresh ({@code InstrumentsUpdate}). */
    public static final String EVT_INSTRUMENTS = "evt.instruments";

    // Decision chain (point to point, one inbox per stage).
    /** Regime-annotated bars and watermarks: the strategy stage's inbox. */
    public static final String EVT_REGIME_BAR = "evt.regime.bar";
    /** Trade intents and watermarks: the risk stage's inbox. */
    public static final String CMD_RISK_INTENT = "cmd.risk.intent";
    /** Approved orders, rejections and watermarks: the execution stage's inbox. */
    public static final String CMD_EXEC_ORDER = "cmd.exec.order";
    /** Fills, rejections and watermarks: the portfolio's inbox. */
    public static final String EVT_EXEC = "evt.exec";
    /** Watermarks acknowledged by the portfolio, back to the market source. */
    public static final String MD_ACK = "md.ack";

    // Facts (published).
    public static final String EVT_REGIME = "evt.regime";
    public static final String EVT_SESSION = "evt.session";
    /** A symbol's strategy state when it changes ({@code StrategyStatus}). */
    public static final String EVT_STRATEGY = "evt.strategy";
    /**
     * A fill the portfolio has booked and committed ({@code Fill}), published for watchers (dashboard,
     * Telegram). {@link #EVT_EXEC} is point-to-point to the portfolio: never consume it elsewhere.
     */
    public static final String EVT_FILL = "evt.fill";
    public static final String EVT_POSITION = "evt.position";
    public static final String EVT_TRADE_CLOSED = "evt.trade.closed";
    /** A live derivatives position as its venue reports it ({@code VenuePosition}): liquidation price, size. */
    public static final String EVT_POSITION_RISK = "evt.position.risk";
    /** A funding settlement booked on a perp position ({@code FundingPaid}), after its commit. */
    public static final String EVT_FUNDING = "evt.funding";
    public static final String EVT_PORTFOLIO = "evt.portfolio";
    public static final String EVT_FUNDS = "evt.funds";
    /** LIVE sub-ledger caps from wallet sync ({@code WalletCapsUpdate}). */
    public static final String EVT_WALLET_CAPS = "evt.wallet.caps";
    public static final String EVT_REWARD = "evt.reward";
    public static final String EVT_ORDER_REJECTED = "evt.order.rejected";
    /** Risk rail halts per sub-ledger ({@code RiskState}), when they change. */
    public static final String EVT_RISK = "evt.risk";

    // Requests (point to point, request/reply).
    public static final String CMD_PORTFOLIO_SNAPSHOT = "cmd.portfolio.snapshot";
    public static final String CMD_PORTFOLIO_TRADES = "cmd.portfolio.trades";
    /** Stored total-equity history, newest N points ({@code Integer} → {@code EquityHistory}). */
    public static final String CMD_PORTFOLIO_EQUITY = "cmd.portfolio.equity";
    /** The books without wallet caps ({@code PortfolioSnapshot}), for wallet sync. */
    public static final String CMD_PORTFOLIO_BOOKS = "cmd.portfolio.books";
    public static final String CMD_MARKET_STATUS = "cmd.market.status";
    /** Recent bars from the market source's window ({@code BarsQuery} → {@code BarsQuery.Result}). */
    public static final String CMD_MARKET_BARS = "cmd.market.bars";
    public static final String CMD_FUNDS_GET = "cmd.funds.get";
    public static final String CMD_FUNDS_UPDATE = "cmd.funds.update";
    public static final String CMD_AUDIT_LIST = "cmd.audit.list";
    public static final String CMD_LEARNING_STATE = "cmd.learning.state";
    public static final String CMD_RISK_STATE = "cmd.risk.state";
    public static final String CMD_RISK_RESUME = "cmd.risk.resume";
    /** The KPI gates' view of every traded (asset class, mode) ({@code KpiList}). */
    public static final String CMD_KPI_LIST = "cmd.kpi.list";
    /** Live venues' state and open live orders ({@code ExecStatus}). */
    public static final String CMD_EXEC_STATUS = "cmd.exec.status";

    // ui.*: JSON for the dashboard's SockJS bridge (web), the only addresses it lets out.
    /** {@code GET /api/status}'s body, every second while a dashboard is connected. */
    public static final String UI_STATUS = "ui.status";
    /** {@code GET /api/portfolio}'s body plus {@code at} (wall) and {@code event_time} (the market's clock), every second while a dashboard is connected. */
    public static final String UI_PORTFOLIO = "ui.portfolio";
    /** A closed trade, as in {@code /api/trades}. */
    public static final String UI_TRADE = "ui.trade";
    /** A fill or a refused order. */
    public static final String UI_ORDER = "ui.order";
    /** The funds controls after a change, as {@code GET /api/funds}. */
    public static final String UI_FUNDS = "ui.funds";
}
