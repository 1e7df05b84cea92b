package dev.fanout.session;

import dev.fanout.agent.LifecycleDecision;
import dev.fanout.exec.RunRecord;
import dev.fanout.merge.Merged;
import java.util.List;

/**
 * A finished run and what followed it: the merge of its results (kept as the run's
 * {@code merged.json}) and the cleanup of temporary resources (empty when
 * {@code auto_cleanup_temp_resources} is off).
 */
public record AfterRun(RunRecord record, Merged merged, List<LifecycleDecision> cleanup) {

    public AfterRun {
        cleanup = List.copyOf(cleanup);
    }
}
