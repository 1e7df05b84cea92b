package dev.fanout.cli;

import java.io.File;
import java.io.IOError;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.Map;
import java.util.function.IntSupplier;

/**
 * Where the cli reads and writes, and the environment it runs in: built once (by {@code Main}
 * over the process's streams, by the shell over its terminal, by a test over string writers) and
 * never changed, as jshell's tool builder fixes its tool's I/O before it runs.
 *
 * @param in       standard input: where shell lines come from when no terminal and no -f FILE is given
 * @param terminal whether standard output is a terminal (live progress, colours)
 * @param columns  the terminal's width in columns, asked each time it is needed
 */
record Console(
        Map<String, String> env,
        InputStream in,
        PrintWriter out,
        PrintWriter err,
        boolean terminal,
        IntSupplier columns) {
    Console {
        env = Map.copyOf(env);
    }

    /** A console whose width is asked of the process's tty, once, when first needed. */
    static Console of(Map<String, String> env, InputStream in, PrintWriter out, PrintWriter err, boolean terminal) {
        return new Console(env, in, out, err, terminal, new TtyWidth());
    }

    /** The same console with its width told by {@code columns}. */
    Console withColumns(IntSupplier columns) {
        return new Console(env, in, out, err, terminal, columns);
    }

    /** The same environment and input, writing to a terminal's writer (the shell). */
    Console onTerminal(PrintWriter writer, boolean isTerminal, IntSupplier columns) {
        return new Console(env, in, writer, writer, isTerminal, columns);
    }

    /** The terminal's width in columns (80 when it cannot be told). */
    int width() {
        try {
            return columns.getAsInt();
        } catch (IOError e) {
            return 80; // the terminal went away (a closed window): nothing reads the output now
        }
    }

    Style style() {
        return Style.forOutput(terminal, env);
    }

    /** The tty's width, asked once: a one-shot command's terminal rarely changes size. */
    private static final class TtyWidth implements IntSupplier {
        private int columns;

        @Override
        public synchronized int getAsInt() {
            if (columns == 0) {
                columns = ask();
            }
            return columns;
        }

        private static int ask() {
            try {
                Process p = new ProcessBuilder("stty", "size")
                        .redirectInput(new File("/dev/tty"))
                        .start();
                String[] parts =
                        new String(p.getInputStream().readAllBytes()).trim().split("\\s+");
                p.waitFor();
                return parts.length == 2 ? Integer.parseInt(parts[1]) : 80;
            } catch (Exception e) {
                return 80;
            }
        }
    }
}
