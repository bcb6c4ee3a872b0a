package dev.meridian.notify;

import dev.meridian.bus.Addresses;
import dev.meridian.config.TelegramConfig;
import dev.meridian.core.AssetClass;
import dev.meridian.core.Fill;
import dev.meridian.exchange.ExecStatus;
import dev.meridian.funds.FundsController;
import dev.meridian.funds.FundsState;
import dev.meridian.funds.FundsUpdate;
import dev.meridian.market.MarketStatus;
import dev.meridian.portfolio.ClosedTrade;
import dev.meridian.portfolio.PortfolioSnapshot;
import dev.meridian.learning.KpiList;
import dev.meridian.core.RiskState;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.DeliveryOptions;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.logging.Logger;

/**
 * Telegram: notifications to the owner's chats and commands from them (issue #8).
 *
 * <p>With a bot configured ({@code MERIDIAN_TELEGRAM_TOKEN} and {@code MERIDIAN_TELEGRAM_CHAT_ID})
 * it sends every allow-listed chat: fills, closed trades with net P&amp;L, rail halts and their
 * lifting, funds-control changes, connector failures and recoveries (market-data source and
 * connections, live venues), and at 00:00 UTC a daily summary (net P&amp;L per sub-ledger, KPIs).
 * It long-polls {@code getUpdates} (one request at a time) for the commands of {@link CommandHandler}.
 * Without a bot it only logs funds changes and market-data state changes, and says at start that
 * Telegram is off.
 *
 * <p><b>Invariants.</b> Nothing here can delay trading: bus handlers only append to the bounded
 * {@link Outbox} (drop-oldest, counted as {@code meridian_telegram_dropped_total}). The token is
 * never logged ({@link BotApiClient}). Telegram never changes anything but the pause flag, and
 * never Allow Funds: {@link #updateFunds} refuses a change naming it, as a second lock behind
 * {@link CommandHandler}. Messages from chats outside the allow-list are counted as
 * {@code meridian_telegram_ignored_commands_total}.
 */
public final class TelegramVerticle extends VerticleBase {
    private static final Logger LOG = Logger.getLogger(TelegramVerticle.class.getName());
    private static final long MAX_POLL_BACKOFF_MS = 60_000;

    /**
     * The knobs, with what each trades off.
     *
     * @param pollTimeoutSec   long-poll wait on Telegram's side: longer = fewer requests, slower stop
     * @param queueCapacity    message pieces that may wait: more = fewer drops under a burst, more memory
     * @param maxAttempts      sends of one piece on 5xx/no answer before it is given up
     * @param backoffMs        first wait after a failed send or poll, doubled per failure (polls up to 60 s)
     * @param execPollMs       how often live venues' state is checked for connector failures
     * @param commandMaxAgeSec commands older than this on arrival are not executed
     * @param sendTimeoutMs    HTTP timeout of one sendMessage
     * @param clock            wall clock of the daily summary and command ages
     */
    public record Settings(int pollTimeoutSec, int queueCapacity, int maxAttempts, long backoffMs, long execPollMs,
                           long commandMaxAgeSec, long sendTimeoutMs, Clock clock) {
        public Settings {
            if (pollTimeoutSec < 1) throw new IllegalArgumentException("pollTimeoutSec must be >= 1");
            Objects.requireNonNull(clock, "clock");
        }

        public static Settings defaults() {
            return new Settings(25, 500, 5, 1_000, 30_000, 300, 15_000, Clock.systemUTC());
        }
    }

    private final TelegramConfig config;
    private final MeterRegistry metrics;
    private final Settings settings;
    private final DeliveryOptions requestOptions = new DeliveryOptions().setSendTimeout(10_000);
    private final DailyPnl daily = new DailyPnl();
    private final Transitions transitions = new Transitions();
    private BotApiClient client;
    private Outbox outbox;
    private CommandHandler commands;
    private List<Long> chats = List.of();
    private long offset;
    private long pollBackoffMs;
    private Instant nextMidnight;
    private volatile boolean stopped;
    private String lastMarketState;

    public TelegramVerticle(TelegramConfig config, MeterRegistry metrics) {
        this(config, metrics, Settings.defaults());
    }

    public TelegramVerticle(TelegramConfig config, MeterRegistry metrics, Settings settings) {
        this.config = Objects.requireNonNull(config, "config");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /** Messages from chats outside the allow-list (0 while Telegram is off). */
    public long ignoredCommands() { return commands == null ? 0 : commands.ignored(); }

    /** Message pieces dropped because the queue was full. */
    public long droppedNotifications() { return outbox == null ? 0 : outbox.dropped(); }

    /** Message pieces given up after failed sends. */
    public long failedNotifications() { return outbox == null ? 0 : outbox.failed(); }

    @Override
    public Future<?> start() {
        if (config.bot().isEmpty()) return startLogOnly();
        TelegramConfig.Bot bot = config.bot().get();
        chats = bot.chatIds();
        client = new BotApiClient(vertx, config.apiUrl(), bot.token());
        outbox = new Outbox(vertx, (chat, html) -> client.sendMessage(chat, html, settings.sendTimeoutMs()),
                settings.queueCapacity(), settings.maxAttempts(), settings.backoffMs());
        commands = new CommandHandler(new HashSet<>(chats), backend(), settings.clock(), settings.commandMaxAgeSec());
        FunctionCounter.builder("meridian_telegram_dropped", outbox, Outbox::dropped)
                .description("Telegram message pieces dropped because the send queue was full").register(metrics);
        FunctionCounter.builder("meridian_telegram_failed", outbox, Outbox::failed)
                .description("Telegram message pieces given up after failed sends").register(metrics);
        FunctionCounter.builder("meridian_telegram_ignored_commands", commands, CommandHandler::ignored)
                .description("Telegram messages from chats outside the allow-list").register(metrics);

        var bus = vertx.eventBus();
        bus.<Fill>consumer(Addresses.EVT_FILL, m -> notifyAll(TelegramFormat.fill(m.body())));
        bus.<ClosedTrade>consumer(Addresses.EVT_TRADE_CLOSED, m -> {
            daily.add(m.body());
            notifyAll(TelegramFormat.closedTrade(m.body()));
        });
        bus.<RiskState>consumer(Addresses.EVT_RISK, m -> transitions.onRisk(m.body()).forEach(this::notifyAll));
        bus.<FundsState>consumer(Addresses.EVT_FUNDS, m -> transitions.onFunds(m.body()).forEach(this::notifyAll));
        bus.<MarketStatus>consumer(Addresses.EVT_MARKET_STATUS, m -> transitions.onMarket(m.body()).forEach(this::notifyAll));
        // Seed with the state at start-up, so a halt or toggle that already held is not news.
        this.<RiskState>request(Addresses.CMD_RISK_STATE, "").onSuccess(transitions::seedRisk);
        this.<FundsState>request(Addresses.CMD_FUNDS_GET, "").onSuccess(transitions::seedFunds);
        // Live venues publish no event of their own; their state is polled (a missing handler just fails quietly).
        vertx.setPeriodic(settings.execPollMs(), id -> this.<ExecStatus>request(Addresses.CMD_EXEC_STATUS, "")
                .onSuccess(s -> transitions.onExec(s).forEach(this::notifyAll)));
        nextMidnight = LocalDate.ofInstant(settings.clock().instant(), ZoneOffset.UTC).plusDays(1)
                .atStartOfDay(ZoneOffset.UTC).toInstant();
        scheduleDailySummary();
        poll();
        LOG.info("Telegram is on: notifying " + chats.size() + " chat(s), accepting commands from them only");
        return Future.succeededFuture();
    }

    @Override
    public Future<?> stop() {
        stopped = true;
        if (outbox != null) outbox.close();
        if (client != null) client.close();
        return Future.succeededFuture();
    }

    /**
     * Sends the summary of {@code day} now and starts a new day's tally: today's net P&amp;L per
     * sub-ledger, the books and the KPIs. Package-private so a test need not wait for midnight.
     */
    Future<Void> sendDailySummary(LocalDate day) {
        Map<AssetClass, DailyPnl.Day> today = daily.view();
        daily.reset(); // trades closing while the requests below run belong to the new day
        Future<PortfolioSnapshot> snap = this.<PortfolioSnapshot>request(Addresses.CMD_PORTFOLIO_SNAPSHOT, "")
                .recover(e -> Future.succeededFuture(null));
        Future<KpiList> kpis = this.<KpiList>request(Addresses.CMD_KPI_LIST, "").recover(e -> Future.succeededFuture(null));
        return Future.all(snap, kpis).map(x -> {
            notifyAll(TelegramFormat.dailySummary(day, today, snap.result(), kpis.result()));
            return null;
        });
    }

    /** {@link #sendDailySummary} on this verticle's event loop, for tests (the tally is not thread-safe). */
    Future<Void> triggerDailySummary(LocalDate day) {
        io.vertx.core.Promise<Void> done = io.vertx.core.Promise.promise();
        context.runOnContext(v -> sendDailySummary(day).onComplete(done));
        return done.future();
    }

    private void scheduleDailySummary() {
        // Counted from the planned midnight, not from "now": a timer that fires a little early must
        // not schedule the same midnight again (two summaries).
        long delay = Math.max(1, nextMidnight.toEpochMilli() - settings.clock().millis());
        vertx.setTimer(delay, id -> {
            if (stopped) return;
            LocalDate day = LocalDate.ofInstant(nextMidnight, ZoneOffset.UTC).minusDays(1);
            nextMidnight = nextMidnight.plusSeconds(86_400);
            sendDailySummary(day);
            scheduleDailySummary();
        });
    }

    private void poll() {
        if (stopped) return;
        client.getUpdates(offset, settings.pollTimeoutSec()).onComplete(ar -> {
            if (stopped) return;
            if (ar.failed()) {
                long wait;
                if (ar.cause() instanceof BotApiClient.BotApiException e && e.httpStatus() == 429) {
                    wait = Math.max(1, e.retryAfterSec()) * 1000L;
                } else {
                    pollBackoffMs = pollBackoffMs == 0 ? settings.backoffMs() : Math.min(MAX_POLL_BACKOFF_MS, pollBackoffMs * 2);
                    wait = pollBackoffMs;
                }
                // The exception text never holds the token (BotApiClient redacts it).
                LOG.warning("telegram getUpdates failed (" + ar.cause().getMessage() + "); next poll in " + wait + " ms");
                vertx.setTimer(wait, id -> poll());
                return;
            }
            pollBackoffMs = 0;
            // Commands run in the order sent (a /pause then /resume CONFIRM must end resumed), then the next poll.
            Future<?> chain = Future.succeededFuture();
            for (BotApiClient.Update u : ar.result()) {
                offset = Math.max(offset, u.updateId() + 1);
                chain = chain.compose(x -> commands.handle(u).map(reply -> {
                    reply.ifPresent(r -> outbox.offer(u.chatId(), r));
                    return null;
                }));
            }
            chain.onComplete(x -> poll());
        });
    }

    private void notifyAll(String html) {
        for (long chat : chats) outbox.offer(chat, html);
    }

    private <T> Future<T> request(String address, Object body) {
        return vertx.eventBus().<T>request(address, body, requestOptions).map(m -> m.body());
    }

    /** The funds change Telegram may make; anything naming allow_funds is refused here too. */
    private Future<FundsState> updateFunds(FundsUpdate update) {
        if (update.change().containsKey("allow_funds")) {
            return Future.failedFuture("Allow Funds cannot be changed from Telegram");
        }
        return request(Addresses.CMD_FUNDS_UPDATE, update);
    }

    private CommandHandler.Backend backend() {
        return new CommandHandler.Backend() {
            @Override public Future<PortfolioSnapshot> portfolio() { return request(Addresses.CMD_PORTFOLIO_SNAPSHOT, ""); }

            @Override public Future<MarketStatus> market() { return request(Addresses.CMD_MARKET_STATUS, ""); }

            @Override public Future<FundsState> funds() { return request(Addresses.CMD_FUNDS_GET, ""); }

            @Override public Future<RiskState> risk() { return request(Addresses.CMD_RISK_STATE, ""); }

            @Override public Future<FundsState> updateFunds(FundsUpdate update) { return TelegramVerticle.this.updateFunds(update); }

            @Override public Map<AssetClass, DailyPnl.Day> today() { return daily.view(); }
        };
    }

    private Future<?> startLogOnly() {
        LOG.info("Telegram is off (MERIDIAN_TELEGRAM_TOKEN and MERIDIAN_TELEGRAM_CHAT_ID are not both set):"
                + " notifications are only logged, no commands are read");
        var bus = vertx.eventBus();
        bus.<FundsState>consumer(Addresses.EVT_FUNDS, m -> LOG.info("telegram (log-only): funds controls changed: "
                + FundsController.toApi(m.body())));
        bus.<MarketStatus>consumer(Addresses.EVT_MARKET_STATUS, m -> {
            if (!m.body().state().equals(lastMarketState)) {
                lastMarketState = m.body().state();
                LOG.info("telegram (log-only): market data " + m.body().source() + " is " + m.body().state());
            }
        });
        return Future.succeededFuture();
    }
}
