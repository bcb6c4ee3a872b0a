package dev.meridian.notify;

import dev.meridian.core.Html;

import java.util.ArrayList;
import java.util.List;

/**
 * Text rules of the Bot API for messages sent with {@code parse_mode=HTML}: escaping and splitting.
 * Pure functions.
 *
 * <p><b>Escaping.</b> Every dynamic piece of text (symbols, reasons, error messages, anything not
 * written in this package) goes through {@link #escape}; only the formatter's own fixed tags
 * ({@code <b>}, {@code <i>}, {@code <code>}) stay unescaped, and the formatter opens and closes
 * each of them on the same line.
 *
 * <p><b>Splitting.</b> Telegram refuses a text over {@value #MAX_CHARS} characters. The limit
 * counts characters after entity parsing, so measuring the escaped source (which is never shorter)
 * is conservative. Lengths are in UTF-16 code units, as Telegram counts them.
 */
public final class TelegramText {
    /** The Bot API's {@code sendMessage} text limit. */
    public static final int MAX_CHARS = 4096;

    private TelegramText() {
    }

    /** {@code text} (its string form; null as "null") escaped for HTML parse mode ({@link Html}). */
    public static String escape(Object text) {
        return Html.escape(String.valueOf(text));
    }

    /**
     * Cuts {@code text} into pieces of at most {@code max} characters. Cuts go after a newline where
     * one lies in the piece (the newline stays with the earlier piece, then is dropped when it ends
     * a piece); a line longer than {@code max} is cut hard, but never inside an HTML entity
     * ({@code &amp;}), a tag, or a surrogate pair. Joining the pieces gives back the text minus the
     * newlines the cuts fell on. Empty text gives no piece.
     */
    public static List<String> split(String text, int max) {
        if (max < 16) throw new IllegalArgumentException("max must be >= 16, got " + max);
        List<String> out = new ArrayList<>();
        int start = 0;
        int n = text.length();
        while (start < n) {
            if (n - start <= max) {
                out.add(text.substring(start));
                break;
            }
            int limit = start + max; // exclusive end of the longest allowed piece
            int nl = text.lastIndexOf('\n', limit); // a newline at index limit still ends a piece of length max
            int end;
            int next;
            if (nl > start) {
                end = nl;
                next = nl + 1;
            } else {
                end = safeCut(text, start, limit);
                next = end;
            }
            out.add(text.substring(start, end));
            start = next;
        }
        out.removeIf(String::isEmpty);
        return out;
    }

    /** {@link #split(String, int)} at {@link #MAX_CHARS}. */
    public static List<String> split(String text) {
        return split(text, MAX_CHARS);
    }

    /** The last cut at or before {@code limit} that is not inside an entity, a tag or a surrogate pair. */
    private static int safeCut(String text, int start, int limit) {
        int cut = limit;
        // Inside "&...;" or "<...>" when the last opener before the cut has no closer before it.
        int amp = text.lastIndexOf('&', cut - 1);
        if (amp >= start && text.indexOf(';', amp) >= cut && cut - amp <= 10) cut = amp;
        int lt = text.lastIndexOf('<', cut - 1);
        if (lt > start && text.indexOf('>', lt) >= cut) cut = lt;
        if (cut > start && Character.isHighSurrogate(text.charAt(cut - 1))) cut--;
        return cut > start ? cut : limit; // a pathological line (one huge tag) is cut anyway rather than loop
    }
}
