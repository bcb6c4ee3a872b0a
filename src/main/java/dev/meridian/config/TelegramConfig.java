package dev.meridian.config;

import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The Telegram Bot API endpoint and, when notifications are on, the bot.
 *
 * @param apiUrl Bot API base (https://api.telegram.org; tests point it at a local stub)
 * @param bot    present only when both MERIDIAN_TELEGRAM_TOKEN and MERIDIAN_TELEGRAM_CHAT_ID are set
 */
public record TelegramConfig(URI apiUrl, Optional<Bot> bot) {
    public TelegramConfig {
        Values.requireUrl("api_url", apiUrl, Values.HTTP);
        Objects.requireNonNull(bot, "bot");
    }

    /**
     * @param token   the bot token
     * @param chatIds the chats that receive notifications and the only ones whose commands are
     *                obeyed; non-empty, in the order given (group ids are negative)
     */
    public record Bot(Secret token, List<Long> chatIds) {
        public Bot {
            Objects.requireNonNull(token, "token");
            chatIds = List.copyOf(chatIds);
            if (chatIds.isEmpty()) throw new IllegalArgumentException("chat ids must not be empty");
        }
    }
}
