package dev.fanout.script;

import dev.fanout.FanoutException;
import dev.fanout.Location;

/**
 * A script failed: a syntax error or an uncaught JavaScript error. The message is one line:
 * {@code file:line:column: JS message}.
 */
public class JavaScriptException extends FanoutException {
    private final String file;
    private final int line;
    private final int column;
    private final String jsMessage;

    /**
     * @param file the script's file, or a name such as {@code <expression>}
     * @param line 1-based, or 0 when unknown
     * @param column 1-based, or 0 when unknown
     * @param jsMessage what JavaScript said, e.g. {@code TypeError: x is not a function}
     */
    public JavaScriptException(int exitCode, String file, int line, int column, String jsMessage, Throwable cause) {
        super(exitCode, Location.of(file, line, column) + ": " + jsMessage, cause);
        this.file = file;
        this.line = line;
        this.column = column;
        this.jsMessage = jsMessage;
    }

    public String file() {
        return file;
    }

    /** 1-based line, or 0 when unknown. */
    public int line() {
        return line;
    }

    /** 1-based column, or 0 when unknown. */
    public int column() {
        return column;
    }

    public String jsMessage() {
        return jsMessage;
    }
}
