package dev.fanout.exec;

/** How task output reaches the user while a run goes on. */
public enum OutputMode {
    /** Each task's output is shown whole when it ends (GNU Parallel's default). */
    GROUP,
    /** Output is shown line by line as it comes, each line prefixed with [id]. */
    STREAM
}
