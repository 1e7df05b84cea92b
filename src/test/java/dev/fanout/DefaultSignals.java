package dev.fanout;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Starts a program with SIGINT, SIGHUP, SIGTERM and SIGQUIT at their default dispositions, for
 * tests that signal a process they start. Under {@code nohup}, or in a background job of a
 * non-interactive shell, the test JVM inherits "ignore" for HUP or INT, every process it starts
 * inherits it in turn (exec keeps ignored signals ignored), and fanout rightly keeps an inherited
 * ignore; a JVM cannot reset that for a child through ProcessBuilder. So the child is started
 * through a launcher that resets the dispositions and then execs it:
 *
 * <ul>
 *   <li>{@code env --default-signal=...} (GNU coreutils 8.31 or later: Debian 11 and 12, Ubuntu
 *       22.04), the first choice: nothing to compile, a single exec;
 *   <li>otherwise perl, which sets {@code $SIG{X} = 'DEFAULT'} and execs; perl-base is an
 *       Essential package on Debian and Ubuntu, so it is there when coreutils is older;
 *   <li>otherwise nothing: the program starts with what the test JVM has.
 * </ul>
 */
public final class DefaultSignals {
    private static final String SIGNALS = "INT,HUP,TERM,QUIT";
    private static final List<String> PREFIX = find();

    private DefaultSignals() {}

    /** The words to put before a program's argv so it starts with default dispositions. */
    public static List<String> prefix() {
        return PREFIX;
    }

    /** {@code command} started through the launcher. */
    public static List<String> argv(String... command) {
        List<String> argv = new ArrayList<>(PREFIX);
        argv.addAll(List.of(command));
        return argv;
    }

    /** Which launcher this machine has: "env", "perl" or "none". */
    public static String launcher() {
        return PREFIX.isEmpty() ? "none" : PREFIX.get(0);
    }

    /** The launchers tried, best first. */
    static List<List<String>> candidates() {
        return List.of(
                List.of("env", "--default-signal=" + SIGNALS, "--"),
                List.of(
                        "perl",
                        "-e",
                        "$SIG{$_} = 'DEFAULT' for qw(" + SIGNALS.replace(',', ' ') + ");"
                                + " exec { $ARGV[0] } @ARGV or die \"cannot run $ARGV[0]: $!\\n\"",
                        "--"));
    }

    private static List<String> find() {
        return candidates().stream().filter(DefaultSignals::works).findFirst().orElse(List.of());
    }

    static boolean works(List<String> prefix) {
        List<String> probe = new ArrayList<>(prefix);
        probe.add("true");
        try {
            Process p = new ProcessBuilder(probe)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return false;
            }
            return p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
