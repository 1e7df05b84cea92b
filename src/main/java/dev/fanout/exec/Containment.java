package dev.fanout.exec;

import dev.fanout.Hint;
import dev.fanout.task.TaskLimits;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * How a task's processes are kept together, so that stopping the task stops all of them, even a
 * daemon that forked twice and cleared its environment, and so that its limits hold: a control
 * group (v2, else v1) when fanout can make one, else a process group, else the process tree
 * alone. Chosen once per fanout process ({@link #system()}); {@code FANOUT_CONTAINMENT}
 * ({@code cgroup-v2}, {@code cgroup-v1}, {@code process-group}, {@code process-tree}) forces one.
 */
public interface Containment {

    /** The mechanisms, strongest first. */
    enum Kind {
        CGROUP_V2("cgroup v2"),
        CGROUP_V1("cgroup v1"),
        PROCESS_GROUP("process groups"),
        PROCESS_TREE("process trees");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        /** The name {@code FANOUT_CONTAINMENT} takes: {@code cgroup-v2}… */
        public String key() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }

    Kind kind();

    /** Why this mechanism and not a stronger one, in a line. */
    String why();

    /** The controllers through which limits are enforced ({@code memory}, {@code cpu}); empty when none. */
    List<String> controllers();

    /** Where the task groups are made (folders of the control group file system), empty for none. */
    List<String> places();

    /**
     * What a limit the mechanism cannot enforce becomes: a warning for the user, or null when it is
     * enforced. Said once per run.
     */
    default String unenforced(TaskLimits limits) {
        if (limits.memoryMaxBytes() != null && !controllers().contains("memory")) {
            return "memory_max is not enforced: " + kind().label() + " gives no memory controller here"
                    + Hint.command("doctor").before(" (see ").after(")");
        }
        if (limits.cpus() != null && !controllers().contains("cpu")) {
            return "cpus is not enforced: " + kind().label() + " gives no cpu controller here"
                    + Hint.command("doctor").before(" (see ").after(")");
        }
        return null;
    }

    /**
     * Makes the enclosure of one attempt.
     *
     * @param runId the run, whose leftovers {@link #reapRun} stops at its end
     * @param name the attempt's name, unique in its run (a task id and attempt number)
     * @throws IOException when the group cannot be made
     */
    Enclosure enclose(String runId, String name, TaskLimits limits) throws IOException;

    /** Stops whatever the run's tasks left running and removes their groups; returns how many processes. */
    default int reapRun(String runId) {
        return 0;
    }

    /** Stops what runs of fanout processes that no longer exist left behind, and removes their groups. */
    default int reapDead() {
        return 0;
    }

    /** The mechanism this fanout process uses, found on first use. */
    static Containment system() {
        return Detected.SYSTEM;
    }

    /** Finds the strongest mechanism that works here, or the one {@code FANOUT_CONTAINMENT} asks for. */
    static Containment detect(Map<String, String> env) {
        return ContainmentProbe.detect(env.get("FANOUT_CONTAINMENT"));
    }

    /** Holds the one detection, made on first use so that commands that start no task do not pay for it. */
    final class Detected {
        static final Containment SYSTEM = detect(System.getenv());

        private Detected() {}
    }
}
