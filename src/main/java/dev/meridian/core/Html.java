package dev.meridian.core;

/**
 * HTML escaping for the places that write HTML from data (the backtest report, Telegram's HTML
 * parse mode): {@code & < > " '} become entities, so the result is safe in element content and in
 * quoted attribute values alike. Telegram accepts {@code &quot;} and numeric entities too.
 */
public final class Html {
    private Html() {
    }

    /** {@code s} escaped; null becomes the empty string. */
    public static String escape(String s) {
        if (s == null) return "";
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
