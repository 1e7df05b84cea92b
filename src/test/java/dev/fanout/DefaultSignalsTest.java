package dev.fanout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DefaultSignalsTest {

    /**
     * Runs {@code launcher sh -c 'kill -SIG $$; exit 7'} from a shell that ignores SIG, as nohup
     * or a background job leaves it; returns the exit code (128 + the signal when it killed).
     */
    private static int selfSignalUnderIgnore(String signal, List<String> launcher) throws Exception {
        List<String> argv = new ArrayList<>(List.of("sh", "-c", "trap '' " + signal + "; exec \"$@\"", "sh"));
        argv.addAll(launcher);
        argv.addAll(List.of("sh", "-c", "kill -" + signal + " $$; exit 7"));
        Process p = new ProcessBuilder(argv).inheritIO().start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("did not end");
        }
        return p.exitValue();
    }

    @ParameterizedTest(name = "{0} through launcher {1}")
    @CsvSource({"INT, 0, 130", "HUP, 0, 129", "INT, 1, 130", "HUP, 1, 129"})
    void aProgramStartedThroughTheLauncherDiesOfASignalItsParentIgnored(String signal, int launcher, int killed)
            throws Exception {
        List<String> prefix = DefaultSignals.candidates().get(launcher);
        assumeTrue(DefaultSignals.works(prefix), prefix.get(0) + " cannot reset signals here");

        assertEquals(killed, selfSignalUnderIgnore(signal, prefix));
    }

    @ParameterizedTest
    @CsvSource({"INT", "HUP"})
    void withoutTheLauncherTheIgnoreIsInheritedAndTheProgramLives(String signal) throws Exception {
        assertEquals(7, selfSignalUnderIgnore(signal, List.of()));
    }

    @ParameterizedTest
    @CsvSource({"INT", "HUP"})
    void theChosenLauncherWorks(String signal) throws Exception {
        assumeTrue(!DefaultSignals.launcher().equals("none"), "neither env --default-signal nor perl here");
        assertEquals(128 + (signal.equals("INT") ? 2 : 1), selfSignalUnderIgnore(signal, DefaultSignals.prefix()));
    }
}
