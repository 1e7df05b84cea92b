package dev.fanout.session;

import dev.fanout.agent.LifecycleDecision;
import dev.fanout.exec.RunRecord;
import java.util.List;

/**
 * A finished run and what followed it: the cleanup of temporary resources (empty when
 * {@code auto_cleanup_temp_resources} is off).
 */
public record AfterRun(RunRecord record, List<LifecycleDecision> cleanup) {

    public AfterRun {
        cleanup = List.copyOf(cleanup);
    }
}
