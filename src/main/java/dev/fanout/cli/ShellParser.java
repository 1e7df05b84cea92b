package dev.fanout.cli;

import java.util.function.BooleanSupplier;
import org.jline.reader.EOFError;
import org.jline.reader.ParsedLine;
import org.jline.reader.impl.DefaultParser;

/**
 * The shell's line parser. For completion and hints it splits words as {@link DefaultParser}
 * does, backslashes kept as typed; when Enter is pressed on JavaScript that is not finished (a
 * {@code js} line, or any entry in JavaScript mode) it asks JLine for another line, which then
 * shows the continuation prompt and keeps the whole entry as one history item.
 */
final class ShellParser extends DefaultParser {
    private final BooleanSupplier javaScriptMode;

    ShellParser(BooleanSupplier javaScriptMode) {
        this.javaScriptMode = javaScriptMode;
        setEscapeChars(null);
        setEofOnUnclosedQuote(false);
    }

    @Override
    public ParsedLine parse(String line, int cursor, ParseContext context) {
        if (context == ParseContext.ACCEPT_LINE || context == ParseContext.SECONDARY_PROMPT) {
            String code = javaScriptMode.getAsBoolean() ? line : ShellLine.javaScriptCode(line);
            if (code != null && !JsInput.isComplete(code)) {
                throw new EOFError(-1, -1, "unfinished JavaScript", "...");
            }
        }
        return super.parse(line, cursor, context);
    }
}
