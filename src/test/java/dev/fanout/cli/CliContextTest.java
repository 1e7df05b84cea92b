package dev.fanout.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOError;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CliContextTest {
    @Test
    void aTerminalThatCannotTellItsWidthAnyMoreCountsAsEightyColumns() {
        CliContext ctx = new CliContext(Console.of(
                        Map.of(),
                        InputStream.nullInputStream(),
                        new PrintWriter(new StringWriter()),
                        new PrintWriter(new StringWriter()),
                        true)
                .withColumns(() -> {
                    throw new IOError(new IOException("Error calling ioctl(TIOCGWINSZ): return code is -1"));
                }));

        assertEquals(80, ctx.width());
    }
}
