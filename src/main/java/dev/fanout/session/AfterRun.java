package dev.fanout.session;

import dev.fanout.agent.LifecycleDecision;
import dev.fanout.agent.ResourceKind;
import dev.fanout.exec.RunRecord;
import dev.fanout.merge.Merged;
import dev.fanout.task.Task;
import dev.fanout.task.TaskSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A finished run and what followed it: the merge of its results (kept as the run's
 * {@code merged.json}) and the cleanup of temporary resources this run touched: the agents its
 * tasks used, and any resource the cleanup deleted (empty when
 * {@code auto_cleanup_temp_resources} is off).
 */
public record AfterRun(RunRecord record, Merged merged, List<LifecycleDecision> cleanup) {

    public AfterRun {
        cleanup = List.copyOf(cleanup);
    }

    /**
     * The cleanup decisions worth a line under a run: those about agents the run's tasks named,
     * and every deletion (the run did that); a resource left alone that the run never used is not
     * this run's news.
     */
    static List<LifecycleDecision> touchedBy(TaskSet tasks, List<LifecycleDecision> decisions) {
        Set<String> agents = new HashSet<>();
        for (Task t : tasks.tasks()) {
            if (t.kind() == Task.Kind.AGENT) {
                agents.add(t.agent());
            }
        }
        return decisions.stream()
                .filter(d -> !d.keep() || (d.kind() == ResourceKind.AGENT && agents.contains(d.name())))
                .toList();
    }
}
