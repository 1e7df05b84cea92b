package dev.fanout.exec;

import dev.fanout.task.Task;

/** Starts attempts of one kind of task (command, agent prompt, script). */
public interface TaskRunner {

    /**
     * Starts one attempt and returns at once; the attempt reports its end through
     * {@link RunningAttempt#ended()}. Called from several launcher threads at once.
     *
     * @throws LaunchException when the attempt cannot start at all (no such program, bad cwd);
     *     such a failure is not retried
     */
    RunningAttempt start(Task task, AttemptContext context) throws LaunchException;

    /** How the processes it starts are contained (the run stops their leftovers through it). */
    default Containment containment() {
        return Containment.system();
    }

    /** An attempt that could not start; its message is for the user. */
    class LaunchException extends Exception {
        public LaunchException(String message) {
            super(message);
        }
    }
}
