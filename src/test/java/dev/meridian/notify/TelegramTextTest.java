package dev.meridian.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class TelegramTextTest {
    @Test
    void escapesTheHtmlSpecialCharacters() {
        assertThat(TelegramText.escape("a<b>&c \"d\" 'e'")).isEqualTo("a&lt;b&gt;&amp;c &quot;d&quot; &#39;e&#39;");
        assertThat(TelegramText.escape("&amp;")).isEqualTo("&amp;amp;");
        assertThat(TelegramText.escape(null)).isEqualTo("null");
    }

    @Test
    void aTextOfExactlyTheLimitIsOnePieceAndOneMoreCharacterMakesTwo() {
        String exact = "x".repeat(TelegramText.MAX_CHARS);
        assertThat(TelegramText.split(exact)).containsExactly(exact);
        List<String> over = TelegramText.split(exact + "y");
        assertThat(over).containsExactly(exact, "y");
    }

    @Test
    void emptyTextGivesNoPiece() {
        assertThat(TelegramText.split("")).isEmpty();
    }

    @Test
    void cutsAtTheLastNewlineThatKeepsThePieceWithinTheLimit() {
        String line = "a".repeat(30);
        String text = line + "\n" + line + "\n" + line; // 92 chars
        assertThat(TelegramText.split(text, 70)).containsExactly(line + "\n" + line, line);
        // A newline exactly at the limit: the piece before it has exactly max characters.
        String a = "b".repeat(40);
        assertThat(TelegramText.split(a + "\n" + a, 40)).containsExactly(a, a);
    }

    @Test
    void everyPieceRespectsTheLimitAndNoCharacterIsLost() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 500; i++) sb.append("line ").append(i).append(" ").append("z".repeat(i % 37)).append('\n');
        String text = sb.toString();
        List<String> pieces = TelegramText.split(text, 256);
        assertThat(pieces).allSatisfy(p -> assertThat(p.length()).isLessThanOrEqualTo(256));
        assertThat(String.join("\n", pieces)).isEqualTo(text);
    }

    @Test
    void aHardCutNeverFallsInsideAnEntityATagOrASurrogatePair() {
        String entity = "a".repeat(18) + "&amp;" + "b".repeat(10); // '&' at 18, ';' at 22
        List<String> pieces = TelegramText.split(entity, 20);
        assertThat(pieces.get(0)).isEqualTo("a".repeat(18));
        assertThat(pieces.get(1)).startsWith("&amp;");

        String tag = "a".repeat(17) + "<b>x</b>" + "c".repeat(10);
        assertThat(TelegramText.split(tag, 19).get(0)).isEqualTo("a".repeat(17));

        String emoji = "a".repeat(19) + "\uD83D\uDE00" + "b";
        List<String> e = TelegramText.split(emoji, 20);
        assertThat(e.get(0)).isEqualTo("a".repeat(19));
        assertThat(e.get(1)).startsWith("\uD83D\uDE00");
    }

    @Test
    void refusesAnAbsurdLimit() {
        assertThatThrownBy(() -> TelegramText.split("abc", 2)).isInstanceOf(IllegalArgumentException.class);
    }
}
