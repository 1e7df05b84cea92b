package dev.fanout.cli;

import java.io.PrintWriter;

/** The entry point of {@code fanout}. */
public final class Main {
    private static final String LAUNCH_MECHANISM = "jdk.lang.Process.launchMechanism";
    private static final String COMMON_POOL_PARALLELISM = "java.util.concurrent.ForkJoinPool.common.parallelism";

    private Main() {}

    public static void main(String[] args) {
        if (versionOnly(args, System.out)) {
            System.exit(0);
        }
        preferVfork();
        String parallelism = commonPoolParallelism(Runtime.getRuntime().availableProcessors());
        if (parallelism != null && System.getProperty(COMMON_POOL_PARALLELISM) == null) {
            System.setProperty(COMMON_POOL_PARALLELISM, parallelism);
        }
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        CliContext ctx = new CliContext(System.getenv(), System.in, out, err, System.console() != null);
        String[] line = scriptShorthand(args);
        int code = CommandLineFactory.forArgs(ctx, line).execute(line);
        out.flush();
        err.flush();
        System.exit(code);
    }

    /**
     * Prints what picocli prints for {@code fanout --version} (or {@code -V}) when that is the
     * whole command line, without building picocli's model of the command: its reflection and
     * annotation proxies were most of that command's start-up (BENCHMARKS.md).
     *
     * @return whether the command line was that, and is done
     */
    static boolean versionOnly(String[] args, java.io.PrintStream out) {
        if (args.length != 1 || !(args[0].equals("--version") || args[0].equals("-V"))) {
            return false;
        }
        for (String line : new Version().getVersion()) {
            out.println(line);
        }
        out.flush();
        return true;
    }

    /** {@code fanout FILE.js …} is {@code fanout js -f FILE.js …}. */
    static String[] scriptShorthand(String[] args) {
        if (args.length > 0 && args[0].endsWith(".js") && !args[0].startsWith("-")) {
            String[] rewritten = new String[args.length + 2];
            rewritten[0] = "js";
            rewritten[1] = "-f";
            System.arraycopy(args, 0, rewritten, 2, args.length);
            return rewritten;
        }
        return args;
    }

    /**
     * Starts task processes with vfork on Linux: the default, posix_spawn through jspawnhelper,
     * execs twice per task and measured about twice as slow to start one (scripts/bench).
     * JDK 25 deprecates VFORK (with a warning) and later ones remove it, so only before 25, and
     * never over the user's own choice.
     */
    private static void preferVfork() {
        if (System.getProperty(LAUNCH_MECHANISM) == null
                && Runtime.version().feature() < 25
                && System.getProperty("os.name", "").startsWith("Linux")) {
            System.setProperty(LAUNCH_MECHANISM, "VFORK");
        }
    }

    /**
     * The common pool's parallelism to ask for on a machine with {@code cpus} processors, or
     * null to keep the JDK's. With one or two processors the JDK gives the pool a parallelism
     * of 1, and CompletableFuture then runs every async step, such as the one behind each
     * task's {@code Process.onExit()}, on a new thread: 1,000 tasks, 1,000 threads. Two keeps
     * those steps on pooled threads (about 7 % less wall time for 1,000 short tasks on 2 cores,
     * BENCHMARKS.md).
     */
    static String commonPoolParallelism(int cpus) {
        return cpus <= 2 ? "2" : null;
    }
}
