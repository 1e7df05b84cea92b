package dev.fanout.exec;

/** What a failure does to the rest of the run (GNU Parallel's --halt vocabulary). */
public enum HaltPolicy {
    /** Keep going: only the failed task's dependents are skipped. */
    NEVER,
    /** Start nothing new; let running tasks finish. */
    SOON,
    /** Stop running tasks too. */
    NOW
}
