package dev.fanout.session;

import dev.fanout.exec.HaltPolicy;
import dev.fanout.exec.OutputMode;
import java.util.Map;

/**
 * What the user asked of a run.
 *
 * @param jobs slots, or null for max_parallel_tasks
 * @param parallel true for --parallel, false for --sequential, null to follow the decision
 * @param resume the run to resume, or null
 * @param flags config settings from the command line
 * @param cache --no-cache and --force
 */
public record RunRequest(
        Integer jobs,
        Boolean parallel,
        HaltPolicy halt,
        OutputMode output,
        String resume,
        Map<String, String> flags,
        CacheRequest cache) {

    /** A request that leaves the cache as configured. */
    public RunRequest(
            Integer jobs,
            Boolean parallel,
            HaltPolicy halt,
            OutputMode output,
            String resume,
            Map<String, String> flags) {
        this(jobs, parallel, halt, output, resume, flags, CacheRequest.DEFAULT);
    }

    public RunRequest {
        halt = halt == null ? HaltPolicy.NEVER : halt;
        output = output == null ? OutputMode.GROUP : output;
        flags = flags == null ? Map.of() : Map.copyOf(flags);
        cache = cache == null ? CacheRequest.DEFAULT : cache;
    }

    /** The defaults: follow the decision, keep going, grouped output. */
    public static RunRequest defaults() {
        return new RunRequest(null, null, HaltPolicy.NEVER, OutputMode.GROUP, null, Map.of());
    }
}
