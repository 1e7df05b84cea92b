package dev.fanout.report;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Locale;

/** Escaping for text that came from tasks (ids, commands, stderr), so that none of it becomes markup. */
final class Html {
    private Html() {}

    /** Text safe in element content and in quoted attribute values. */
    static String text(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> {
                    // control characters other than tab and newline would make the page invalid
                    if (c < 0x20 && c != '\n' && c != '\t' || c == 0x7f) {
                        b.append('\uFFFD');
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }

    /**
     * JSON made safe inside {@code <script type="application/json">}: {@code <}, {@code >} and
     * {@code &} only occur inside JSON strings, where their {@code \\u} escapes mean the same, and
     * no {@code </script>} can end the element early.
     */
    static String scriptJson(String json) {
        StringBuilder b = new StringBuilder(json.length() + 64);
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            switch (c) {
                case '<' -> b.append("\\u003c");
                case '>' -> b.append("\\u003e");
                case '&' -> b.append("\\u0026");
                case '\u2028' -> b.append("\\u2028");
                case '\u2029' -> b.append("\\u2029");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    /** The CSP source that allows exactly this inline script or style: {@code 'sha256-…'}. */
    static String hashSource(String content) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(content.getBytes(StandardCharsets.UTF_8));
            return "'sha256-" + Base64.getEncoder().encodeToString(digest) + "'";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    /** Seconds as people read them: 850ms, 12.3s, 4m05s, 1h02m. */
    static String seconds(double s) {
        if (s < 1) {
            return Math.round(s * 1000) + "ms";
        }
        if (s < 60) {
            return String.format(Locale.ROOT, s < 10 ? "%.2fs" : "%.1fs", s);
        }
        long t = Math.round(s);
        if (t < 3600) {
            return String.format(Locale.ROOT, "%dm%02ds", t / 60, t % 60);
        }
        return String.format(Locale.ROOT, "%dh%02dm", t / 3600, t / 60 % 60);
    }
}
