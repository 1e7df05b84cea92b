package dev.fanout.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** One-shot command lines build only the part of the command tree they use. */
class CommandLineFactoryTest {
    @Test
    void aCommandLineBuildsOnlyTheCommandItNames() {
        assertEquals(Set.of("run"), CommandLineFactory.commandsNeeded(new String[] {"--home", "h", "run", "x.json"}));
        assertEquals(Set.of("config"), CommandLineFactory.commandsNeeded(new String[] {"--verbose", "config", "show"}));
        assertEquals(Set.of(), CommandLineFactory.commandsNeeded(new String[] {"--version"}));
        assertEquals(Set.of(), CommandLineFactory.commandsNeeded(new String[] {"-f", "nightly.fan"}));
        assertEquals(Set.of(), CommandLineFactory.commandsNeeded(new String[] {}));
    }

    @Test
    void helpAndUnknownWordsBuildEverything() {
        assertNull(CommandLineFactory.commandsNeeded(new String[] {"--help"}));
        assertNull(CommandLineFactory.commandsNeeded(new String[] {"help", "run"}));
        assertNull(CommandLineFactory.commandsNeeded(new String[] {"rnu"}));
    }

    @Test
    void theWholeTreeAndTheLazyOneRunACommandAlike() {
        StringWriter a = new StringWriter();
        StringWriter b = new StringWriter();
        String[] args = {"detect", "examples/chain.yaml"};
        int whole = CommandLineFactory.create(new CliContext(Map.of(), new PrintWriter(a), new PrintWriter(a), false))
                .execute(args);
        int lazy = CommandLineFactory.forArgs(
                        new CliContext(Map.of(), new PrintWriter(b), new PrintWriter(b), false), args)
                .execute(args);
        assertEquals(whole, lazy);
        assertEquals(a.toString(), b.toString());
    }
}
