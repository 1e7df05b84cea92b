package dev.fanout.cli;

import dev.fanout.FanoutException;
import dev.fanout.exec.RunRecord;
import dev.fanout.exec.RunStore;
import dev.fanout.report.HtmlReport;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code fanout report [RUN_ID] [--output FILE] [--open]}: a run as one self-contained HTML page. */
@Command(
        name = "report",
        description = {
            "Write a run's report (default: the latest) as one HTML file: timeline, graph, tasks, merged result.",
            "It loads nothing from the network; by default it is written to runs/RUN_ID/report.html."
        })
public final class ReportCommand implements Callable<Integer> {
    private final CliContext ctx;

    @Parameters(
            arity = "0..1",
            paramLabel = "RUN_ID",
            description = "a run id from 'fanout runs' (default: the latest)")
    String runId;

    @Option(
            names = {"-o", "--output"},
            paramLabel = "FILE",
            description = "where to write it (default: report.html in the run's folder)")
    Path output;

    @Option(names = "--open", description = "open it with the desktop's opener, when there is one")
    boolean open;

    public ReportCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        RunStore store = ctx.session().runStore();
        RunRecord run = store.load(runId == null || runId.equals("latest") ? store.latest() : runId);
        Path file = write(ctx, run, output);
        ctx.out().println("report: " + file);
        if (open) {
            open(file);
        }
        ctx.out().flush();
        return 0;
    }

    /**
     * Writes a run's report to {@code output}, or next to the run when it is null.
     *
     * @return the file written, absolute
     * @throws FanoutException (bad input) when {@code output} is a folder; (failed) when it cannot be written
     */
    static Path write(CliContext ctx, RunRecord run, Path output) {
        Path file = (output == null ? HtmlReport.defaultFile(run) : output).toAbsolutePath();
        if (Files.isDirectory(file)) {
            throw FanoutException.badInput(
                    "--output " + output + " is a folder; give a file name, e.g. " + file.resolve("report.html"));
        }
        try {
            return HtmlReport.write(run, file);
        } catch (IOException e) {
            throw new FanoutException(FanoutException.FAILED, "cannot write " + file + ": " + e.getMessage());
        }
    }

    /** Hands the file to xdg-open (with a display) or macOS's open; says where it is when there is neither. */
    private void open(Path file) {
        String opener = opener();
        if (opener == null) {
            ctx.out().println("no desktop opener here (xdg-open with a display, or open on macOS); open " + file);
            return;
        }
        try {
            Process p = new ProcessBuilder(List.of(opener, file.toString()))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            // openers hand the file to the desktop and end; one that does not is left to run
            if (p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() != 0) {
                ctx.out().println(opener + " could not open it (exit " + p.exitValue() + "); open " + file);
            }
        } catch (IOException e) {
            ctx.out().println("cannot start " + opener + " (" + e.getMessage() + "); open " + file);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private String opener() {
        boolean mac = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("mac");
        if (!mac && ctx.env().get("DISPLAY") == null && ctx.env().get("WAYLAND_DISPLAY") == null) {
            return null;
        }
        String name = mac ? "open" : "xdg-open";
        for (String dir : ctx.env().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, name);
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        return null;
    }
}
