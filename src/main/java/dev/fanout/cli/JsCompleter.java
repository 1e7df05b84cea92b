package dev.fanout.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fanout.FanoutException;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;

/**
 * Completes JavaScript at the prompt (a {@code js} line or JavaScript mode): after a dot, the
 * keys of the value before it, asked of the session's engine ({@code fanout.} gives the API,
 * {@code fanout.results()[0].result.} the fields of that result); otherwise the session's
 * global variables, {@code fanout} and the keywords. The value is only computed when it is a
 * plain path (names, indexes and the read-only {@code fanout} getters), so Tab never runs code
 * with effects.
 */
final class JsCompleter implements Completer {
    private static final Pattern TAIL = Pattern.compile(
            "([A-Za-z_$][\\w$]*(?:\\.[A-Za-z_$][\\w$]*|\\[\\d+]|\\['[^']*']|\\[\"[^\"]*\"]|\\(\\))*)\\.([\\w$]*)$");
    private static final Pattern WORD = Pattern.compile("([A-Za-z_$][\\w$]*)$");
    /** The only calls a completion may make: fanout's getters, which change nothing. */
    private static final Pattern CALL = Pattern.compile("(?<=[\\w$])\\(\\)");

    private static final Set<String> READ_ONLY_CALLS =
            Set.of("fanout.results", "fanout.tasks", "fanout.strategies", "fanout.pipelines", "fanout.graph");
    private static final List<String> KEYWORDS = List.of(
            "function",
            "return",
            "var",
            "let",
            "const",
            "if",
            "else",
            "for",
            "while",
            "typeof",
            "new",
            "true",
            "false",
            "null",
            "undefined",
            "JSON",
            "Object",
            "Math");

    private final CliContext ctx;

    JsCompleter(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
        String before = line.line().substring(0, line.cursor());
        Matcher m = TAIL.matcher(before);
        if (m.find()) {
            String target = m.group(1);
            if (!readOnly(target)) {
                return;
            }
            String prefix = before.substring(0, before.length() - m.group(2).length());
            for (String key : keys("Object.keys(Object(" + target + "))")) {
                candidates.add(candidate(reader, line, prefix, key));
            }
            return;
        }
        Matcher w = WORD.matcher(before);
        String prefix =
                before.substring(0, before.length() - (w.find() ? w.group(1).length() : 0));
        candidates.add(candidate(reader, line, prefix, "fanout"));
        KEYWORDS.forEach(k -> candidates.add(candidate(reader, line, prefix, k)));
        for (String name : keys("Object.keys(this)")) {
            candidates.add(candidate(reader, line, prefix, name));
        }
    }

    /** Whether every call in a path is one of fanout's getters. */
    static boolean readOnly(String path) {
        Matcher call = CALL.matcher(path);
        while (call.find()) {
            String callee = path.substring(0, call.start());
            int cut = Math.max(callee.lastIndexOf(']'), callee.lastIndexOf(')'));
            if (cut >= 0 || !READ_ONLY_CALLS.contains(callee)) {
                return false;
            }
        }
        return true;
    }

    /**
     * A candidate replacing the word JLine's parser sees with the whole JavaScript path, since
     * that parser splits words at blanks only.
     */
    private static Candidate candidate(LineReader reader, ParsedLine line, String prefix, String key) {
        return new Candidate(prefixOfWord(line, prefix) + key, key, null, null, null, null, false);
    }

    /** The part of the word under the cursor that comes before the name being completed. */
    private static String prefixOfWord(ParsedLine line, String prefix) {
        String word = line.word().substring(0, line.wordCursor());
        int wordStart = line.cursor() - word.length();
        return prefix.length() > wordStart ? prefix.substring(wordStart) : "";
    }

    private List<String> keys(String expression) {
        try {
            JsonNode value = ctx.session().scriptBridge().evaluate(expression).value();
            if (value == null || !value.isArray()) {
                return List.of();
            }
            java.util.ArrayList<String> keys = new java.util.ArrayList<>();
            value.forEach(k -> keys.add(k.asText()));
            return keys;
        } catch (FanoutException | IllegalStateException e) {
            return List.of(); // nothing to offer: an undefined name, a stopped engine
        }
    }
}
