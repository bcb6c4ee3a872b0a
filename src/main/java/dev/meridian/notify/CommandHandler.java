package dev.meridian.notify;

import dev.meridian.core.AssetClass;
import dev.meridian.funds.FundsState;
import dev.meridian.funds.FundsUpdate;
import dev.meridian.market.MarketStatus;
import dev.meridian.portfolio.PortfolioSnapshot;
import dev.meridian.core.RiskState;
import io.vertx.core.Future;

import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;

/**
 * The owner's Telegram commands: {@code /status}, {@code /positions}, {@code /pnl}, {@code /pause},
 * {@code /resume CONFIRM}, {@code /help}; anything else starting with {@code /} gets the help text.
 *
 * <p><b>Invariants.</b>
 * <ul>
 *   <li>Only chats in the allow-list are answered or obeyed. A message from any other chat gets no
 *       reply (a reply would confirm the bot exists) and is counted in {@link #ignored()}.</li>
 *   <li>The only funds change Telegram can make is {@code {"paused": true|false}}, audited as
 *       {@code telegram:<chat id>}. Allow Funds is never in a change: the bot's access to real
 *       money can only be granted from the dashboard.</li>
 *   <li>Lifting the pause needs the word {@code CONFIRM} (exactly, upper case), so a stray
 *       {@code /resume} tap does not restart trading.</li>
 *   <li>A command older than {@code maxAgeSec} when it arrives is not executed (Telegram redelivers
 *       unconfirmed updates for up to 24 h after a restart; a day-old {@code /resume CONFIRM} must
 *       not act now). It is logged, not counted as ignored.</li>
 * </ul>
 * A {@code @botname} suffix ({@code /status@MeridianBot}, as group chats send it) is accepted.
 * Replies are HTML-mode text; a module that does not answer shows as unavailable.
 */
final class CommandHandler {
    private static final Logger LOG = Logger.getLogger(CommandHandler.class.getName());

    /** What the commands read and change; the verticle backs it with event-bus requests. */
    interface Backend {
        Future<PortfolioSnapshot> portfolio();

        Future<MarketStatus> market();

        Future<FundsState> funds();

        Future<RiskState> risk();

        Future<FundsState> updateFunds(FundsUpdate update);

        Map<AssetClass, DailyPnl.Day> today();
    }

    private final Set<Long> allowed;
    private final Backend backend;
    private final Clock clock;
    private final long maxAgeSec;
    private volatile long ignored; // single writer (the event loop), read by metrics scrapes

    CommandHandler(Set<Long> allowedChats, Backend backend, Clock clock, long maxAgeSec) {
        this.allowed = Set.copyOf(allowedChats);
        this.backend = backend;
        this.clock = clock;
        this.maxAgeSec = maxAgeSec;
    }

    /** Messages from chats outside the allow-list so far. */
    long ignored() { return ignored; }

    /** The reply to send to {@code update.chatId()}, or empty for none. Never fails. */
    Future<Optional<String>> handle(BotApiClient.Update update) {
        if (update.text() == null) return Future.succeededFuture(Optional.empty());
        if (!allowed.contains(update.chatId())) {
            ignored++;
            LOG.warning("telegram: ignored a message from chat " + update.chatId() + ", which is not in the allow-list");
            return Future.succeededFuture(Optional.empty());
        }
        String text = update.text().trim();
        if (!text.startsWith("/")) return Future.succeededFuture(Optional.empty());
        long ageSec = clock.instant().getEpochSecond() - update.dateSec();
        if (update.dateSec() > 0 && ageSec > maxAgeSec) {
            LOG.warning("telegram: not executing a command from chat " + update.chatId() + " sent " + ageSec + " s ago");
            return Future.succeededFuture(Optional.empty());
        }
        String[] parts = text.split("\\s+", 2);
        String command = parts[0].substring(1);
        int at = command.indexOf('@');
        if (at >= 0) command = command.substring(0, at);
        command = command.toLowerCase(Locale.ROOT);
        String args = parts.length > 1 ? parts[1].trim() : "";
        return run(update.chatId(), command, args).map(Optional::of)
                .recover(e -> Future.succeededFuture(Optional.of("Command failed: " + TelegramText.escape(e.getMessage()))));
    }

    private Future<String> run(long chatId, String command, String args) {
        return switch (command) {
            case "status" -> {
                Future<MarketStatus> m = orNull(backend.market());
                Future<FundsState> f = orNull(backend.funds());
                Future<RiskState> r = orNull(backend.risk());
                Future<PortfolioSnapshot> p = orNull(backend.portfolio());
                yield Future.all(m, f, r, p).map(x -> TelegramFormat.status(m.result(), f.result(), r.result(), p.result()));
            }
            case "positions" -> orNull(backend.portfolio()).map(TelegramFormat::positions);
            case "pnl" -> orNull(backend.portfolio()).map(p -> TelegramFormat.pnl(p, backend.today()));
            case "pause" -> setPaused(chatId, true).transform(ar -> Future.succeededFuture(ar.succeeded()
                    ? "<b>Paused.</b> No new entries anywhere until /resume CONFIRM. Open positions keep their exits."
                    : "<b>Pause FAILED:</b> " + TelegramText.escape(ar.cause().getMessage()) + "\nUse the dashboard."));
            case "resume" -> {
                if (!args.equals("CONFIRM")) {
                    yield Future.succeededFuture("Not resumed. Lifting the pause lets the bot open new positions again;"
                            + " to do it, send <code>/resume CONFIRM</code>");
                }
                yield setPaused(chatId, false).transform(ar -> Future.succeededFuture(ar.succeeded()
                        ? "<b>Resumed.</b> New entries allowed again (funds controls and rails still apply)."
                        : "<b>Resume FAILED:</b> " + TelegramText.escape(ar.cause().getMessage())));
            }
            case "help", "start" -> Future.succeededFuture(TelegramFormat.HELP);
            // The command is not echoed back: the reply never reflects what was typed.
            default -> Future.succeededFuture("Unknown command.\n\n" + TelegramFormat.HELP);
        };
    }

    /** The one funds change Telegram makes: the pause flag, nothing else. */
    private Future<FundsState> setPaused(long chatId, boolean paused) {
        LOG.info("telegram: chat " + chatId + " sets paused=" + paused);
        return backend.updateFunds(new FundsUpdate("telegram:" + chatId, Map.of("paused", paused)));
    }

    private static <T> Future<T> orNull(Future<T> f) {
        return f.recover(e -> Future.succeededFuture(null));
    }
}
