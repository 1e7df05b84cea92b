package dev.fanout.exec;

/**
 * How to run: slots, whether in parallel (the decision, or forced), the failure policy, and
 * how output is delivered.
 *
 * @param jobs slots for tasks at once; 1 runs sequentially in topological order
 * @param parallel whether to order by longest remaining path (true) or plainly by topological order
 * @param resumedFrom the run this one resumes, or null
 */
public record RunOptions(int jobs, boolean parallel, HaltPolicy halt, OutputMode output, String resumedFrom) {

    public RunOptions {
        if (jobs < 1) {
            throw new IllegalArgumentException("jobs must be at least 1");
        }
    }
}
