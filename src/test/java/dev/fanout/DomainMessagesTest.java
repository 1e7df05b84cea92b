package dev.fanout;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Issue 13: code below the cli does not word commands for the user; it names them with a {@link
 * Hint}, and the cli says them as a command line or the shell would type them.
 */
class DomainMessagesTest {
    private static final Path MAIN = Path.of("src/main/java/dev/fanout");
    /** A string literal, escapes and all. */
    private static final Pattern LITERAL = Pattern.compile("\"(?:[^\"\\\\\\n]|\\\\.)*\"");
    /** A command as messages quote it: {@code 'fanout runs'}, {@code (fanout doctor)}. */
    private static final Pattern COMMAND = Pattern.compile("'fanout [a-z]|\\(fanout [a-z -]+\\)");

    @Test
    void noMessageBelowTheCliWordsAFanoutCommand() throws IOException {
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(MAIN)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                if (f.startsWith(MAIN.resolve("cli")) || f.getParent().equals(MAIN)) {
                    continue; // the cli words commands; the root package holds Hint itself
                }
                List<String> lines = Files.readAllLines(f);
                for (int i = 0; i < lines.size(); i++) {
                    Matcher m = LITERAL.matcher(lines.get(i));
                    while (m.find()) {
                        if (COMMAND.matcher(m.group()).find()) {
                            found.add(MAIN.relativize(f) + ":" + (i + 1) + ": " + m.group());
                        }
                    }
                }
            }
        }
        assertEquals(List.of(), found);
    }
}
