package dev.fanout.session;

import dev.fanout.FanoutException;
import dev.fanout.LocatedException;
import dev.fanout.task.SecretEnv;
import dev.fanout.task.Task;
import dev.fanout.task.TaskFileReader;
import dev.fanout.task.TaskSet;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Tasks read back from a run record or a session snapshot hold their secrets as
 * {@value SecretEnv#MASK}. Before such a task runs again, the values are read again from the
 * tasks file the tasks came from; when the file is gone or no longer gives a value, the run is
 * refused, naming the task and the variable, rather than handing the task {@value SecretEnv#MASK}.
 */
final class MaskedEnv {
    private MaskedEnv() {}

    /**
     * The tasks with their masked secrets given back, for those that will run.
     *
     * @param skipped the ids that will not run (successes a resume reuses)
     * @param from where the tasks were read from, for messages ("run 20260101-…", "the session")
     * @param remedy what the user can do instead, for messages
     * @throws FanoutException (bad input) when a value cannot be found again
     */
    static TaskSet restore(TaskSet tasks, Set<String> skipped, SecretEnv secrets, String from, String remedy) {
        Map<String, Task> fromFile = null;
        String unreadable = null;
        List<Task> restored = new ArrayList<>(tasks.tasks().size());
        boolean changed = false;
        for (Task t : tasks.tasks()) {
            List<String> masked = skipped.contains(t.id()) ? List.of() : secrets.maskedIn(t);
            if (masked.isEmpty()) {
                restored.add(t);
                continue;
            }
            if (fromFile == null && unreadable == null) {
                try {
                    fromFile = readAgain(tasks.source());
                } catch (LocatedException e) {
                    unreadable = e.getMessage();
                }
            }
            Task original = fromFile == null ? null : fromFile.get(t.id());
            Map<String, String> env = new HashMap<>(t.env());
            for (String name : masked) {
                String value = original == null ? null : original.env().get(name);
                if (value == null || value.equals(SecretEnv.MASK)) {
                    throw FanoutException.badInput(from + ": task '" + t.id() + "' needs env " + name
                            + ", which fanout keeps only as " + SecretEnv.MASK + ", and "
                            + (unreadable != null
                                    ? "its tasks file cannot be read again (" + unreadable + ")"
                                    : tasks.source() + " no longer gives it")
                            + "; " + remedy);
                }
                env.put(name, value);
            }
            restored.add(t.withEnv(env));
            changed = true;
        }
        return changed ? new TaskSet(tasks.source(), restored, tasks.config(), tasks.configPositions()) : tasks;
    }

    private static Map<String, Task> readAgain(String source) {
        Path file;
        try {
            file = Path.of(source);
        } catch (InvalidPathException e) {
            throw LocatedException.tasksFile(source, 0, 0, "not a file");
        }
        if (!Files.isRegularFile(file)) {
            throw LocatedException.tasksFile(source, 0, 0, "no such file");
        }
        Map<String, Task> byId = new HashMap<>();
        new TaskFileReader().read(file).tasks().forEach(t -> byId.put(t.id(), t));
        return byId;
    }
}
