package dev.meridian.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.core.AssetClass;
import dev.meridian.funds.FundsState;
import dev.meridian.funds.FundsUpdate;
import dev.meridian.market.MarketStatus;
import dev.meridian.portfolio.PortfolioSnapshot;
import dev.meridian.core.RiskState;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The command handler against a fake backend: parsing, the allow-list, and the only funds change it makes. */
class TelegramCommandsTest {
    private static final long OWNER = 4242L;
    private static final long NOW_SEC = 1_700_000_000L;

    private final List<FundsUpdate> updates = new ArrayList<>();
    private FundsState funds = TelegramFixtures.funds(false);
    private final CommandHandler handler = new CommandHandler(Set.of(OWNER, -100L), new FakeBackend(),
            Clock.fixed(Instant.ofEpochSecond(NOW_SEC), ZoneOffset.UTC), 300);

    private Optional<String> say(long chat, String text) {
        Future<Optional<String>> f = handler.handle(new BotApiClient.Update(1, chat, text, NOW_SEC - 1));
        assertThat(f.succeeded()).isTrue();
        return f.result();
    }

    @Test
    void pauseIsAuditedAsTelegramAndTheChatIdAndChangesOnlyPaused() {
        assertThat(say(OWNER, "/pause")).get().asString().contains("Paused.");
        assertThat(updates).containsExactly(new FundsUpdate("telegram:4242", Map.of("paused", true)));
        assertThat(funds.paused()).isTrue();
    }

    @Test
    void resumeWithoutConfirmIsRefusedWithHelpAndChangesNothing() {
        funds = TelegramFixtures.funds(true);
        for (String text : List.of("/resume", "/resume confirm", "/resume please", "/resume CONFIRMED")) {
            assertThat(say(OWNER, text)).get().asString().contains("Not resumed").contains("/resume CONFIRM");
        }
        assertThat(updates).isEmpty();
        assertThat(say(OWNER, "/resume CONFIRM")).get().asString().contains("Resumed.");
        assertThat(updates).containsExactly(new FundsUpdate("telegram:4242", Map.of("paused", false)));
    }

    @Test
    void commandsAcceptABotNameSuffixAndAnyCase() {
        assertThat(say(-100L, "/pause@MeridianBot")).get().asString().contains("Paused.");
        assertThat(updates).containsExactly(new FundsUpdate("telegram:-100", Map.of("paused", true)));
        assertThat(say(OWNER, "/Positions@MeridianBot")).get().asString().contains("<b>Positions</b>");
        assertThat(say(OWNER, "  /resume@MeridianBot   CONFIRM ")).get().asString().contains("Resumed.");
    }

    @Test
    void unknownCommandsGetTheHelpTextAndPlainTextGetsNoReply() {
        assertThat(say(OWNER, "/allow_funds on")).get().asString().startsWith("Unknown command.").doesNotContain("allow_funds")
                .contains(TelegramFormat.HELP);
        assertThat(say(OWNER, "/help")).contains(TelegramFormat.HELP);
        assertThat(say(OWNER, "hello")).isEmpty();
        assertThat(updates).isEmpty();
    }

    @Test
    void otherChatsAreIgnoredWithoutReplyAndCounted() {
        assertThat(say(7L, "/pause")).isEmpty();
        assertThat(say(7L, "/status")).isEmpty();
        assertThat(updates).isEmpty();
        assertThat(handler.ignored()).isEqualTo(2);
        assertThat(say(OWNER, "/status")).get().asString().contains("<b>Status</b>").contains("paused: no");
        assertThat(handler.ignored()).isEqualTo(2);
    }

    @Test
    void oldCommandsRedeliveredAfterARestartAreNotExecuted() {
        Future<Optional<String>> f = handler.handle(new BotApiClient.Update(1, OWNER, "/resume CONFIRM", NOW_SEC - 3600));
        assertThat(f.result()).isEmpty();
        assertThat(updates).isEmpty();
    }

    @Test
    void aFailedPauseIsReportedAsFailed() {
        funds = null; // the fake backend then fails the update
        assertThat(say(OWNER, "/pause")).get().asString().contains("Pause FAILED").contains("funds verticle down");
    }

    @Test
    void pnlShowsTodayAndTheBooks() {
        assertThat(say(OWNER, "/pnl")).get().asString().contains("today SPOT: +1.25 (1 trade)").contains("realized net +12.35");
    }

    private final class FakeBackend implements CommandHandler.Backend {
        @Override public Future<PortfolioSnapshot> portfolio() { return Future.succeededFuture(TelegramFixtures.snapshot()); }

        @Override public Future<MarketStatus> market() { return Future.failedFuture("no market"); }

        @Override public Future<FundsState> funds() { return Future.succeededFuture(funds); }

        @Override public Future<RiskState> risk() { return Future.succeededFuture(new RiskState(Map.of(), Map.of())); }

        @Override public Future<FundsState> updateFunds(FundsUpdate update) {
            if (funds == null) return Future.failedFuture("funds verticle down");
            updates.add(update);
            funds = TelegramFixtures.funds((Boolean) update.change().get("paused"));
            return Future.succeededFuture(funds);
        }

        @Override public Map<AssetClass, DailyPnl.Day> today() {
            return Map.of(AssetClass.SPOT, new DailyPnl.Day(TelegramFixtures.bd("1.25"), 1));
        }
    }
}
