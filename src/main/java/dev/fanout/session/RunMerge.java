package dev.fanout.session;

import dev.fanout.AtomicFile;
import dev.fanout.FanoutException;
import dev.fanout.Json;
import dev.fanout.exec.RunRecord;
import dev.fanout.exec.TaskResult;
import dev.fanout.merge.BestMerge;
import dev.fanout.merge.ChangesMerge;
import dev.fanout.merge.Merged;
import dev.fanout.merge.ResultMerger;
import dev.fanout.merge.StrategyRegistry;
import dev.fanout.merge.TaskOutput;
import dev.fanout.task.Task;
import dev.fanout.workspace.Git;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Merges the results of a run's tasks and keeps the answer as the run's {@code merged.json}. */
final class RunMerge {

    private RunMerge() {}

    /**
     * The outputs of a run's tasks, in task order.
     *
     * @param taskIds the tasks to take, or empty for all
     * @throws FanoutException (bad input) naming a task the run does not have
     */
    static List<TaskOutput> outputs(RunRecord run, List<String> taskIds) {
        List<Task> tasks = taskIds.isEmpty()
                ? run.tasks().tasks()
                : taskIds.stream().map(run.tasks()::get).toList();
        List<TaskOutput> outputs = new ArrayList<>(tasks.size());
        // per distinct folder, not per task: most tasks of a big run share one
        Map<String, Path> workDirs = new HashMap<>();
        for (Task task : tasks) {
            String id = task.id();
            TaskResult r = run.results().get(id);
            Path workDir = workDirs.computeIfAbsent(
                    task.cwd() == null ? "" : task.cwd(), cwd -> Path.of(cwd).toAbsolutePath());
            outputs.add(new TaskOutput(
                    id,
                    task.typeOrDefault(),
                    r == null ? "pending" : r.status().key(),
                    r == null ? null : r.result(),
                    run.taskDir(id).resolve("stdout.log"),
                    r == null ? null : r.resultError(),
                    workDir,
                    task.env().get("FANOUT_REPEAT_OF"),
                    r == null ? -1 : r.seconds()));
        }
        return outputs;
    }

    /**
     * Merges a run's results; with {@code keep}, the answer becomes the run's {@code merged.json}.
     *
     * @throws FanoutException (bad input) for an unknown strategy or task
     */
    static Merged merge(
            RunRecord run, List<String> taskIds, String strategy, StrategyRegistry strategies, String onto) {
        List<TaskOutput> outputs = outputs(run, taskIds);
        boolean auto = strategy == null || strategy.equals(StrategyRegistry.AUTO);
        if (onto != null && !(ChangesMerge.NAME.equals(strategy) || auto)) {
            throw FanoutException.badInput("--onto goes with --strategy changes, not '" + strategy + "'");
        }
        ResultMerger merger = new ResultMerger(strategies);
        return onto != null
                ? merger.mergeWith(outputs, new ChangesMerge(new Git(), onto))
                : auto && BestMerge.applies(outputs)
                        ? merger.merge(outputs, BestMerge.NAME)
                        : auto && ChangesMerge.applies(outputs)
                                ? merger.merge(outputs, ChangesMerge.NAME)
                                : merger.merge(outputs, strategy);
    }

    /** Merges the whole run as {@link #merge} does and keeps the result as the run's {@code merged.json}. */
    static Merged mergeAndKeep(RunRecord run, String strategy, StrategyRegistry strategies) {
        Merged merged = merge(run, List.of(), strategy, strategies, null);
        try {
            AtomicFile.write(
                    run.dir().resolve("merged.json"),
                    out -> Json.mapper().writerWithDefaultPrettyPrinter().writeValue(out, merged.toJson()));
        } catch (IOException e) {
            throw new FanoutException(
                    FanoutException.FAILED, "cannot write " + run.dir().resolve("merged.json") + ": " + e.getMessage());
        }
        return merged;
    }
}
