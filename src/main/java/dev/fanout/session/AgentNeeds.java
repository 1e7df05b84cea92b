package dev.fanout.session;

import dev.fanout.FanoutException;
import dev.fanout.Hint;
import dev.fanout.agent.AgentSpec;
import dev.fanout.agent.Resources;
import dev.fanout.config.Config;
import dev.fanout.task.Task;
import dev.fanout.task.TaskSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The agents a run's tasks name that do not exist yet: made as temporary agents before the run
 * when {@code auto_create_temp_resources} is on, otherwise the reason the run refuses to start.
 */
final class AgentNeeds {
    private final Map<String, List<Task>> missing;

    private AgentNeeds(Map<String, List<Task>> missing) {
        this.missing = missing;
    }

    /** Finds the missing agents among the tasks that will run (not those reused from a resumed run). */
    static AgentNeeds of(TaskSet tasks, Set<String> reused, Resources resources) {
        Map<String, List<Task>> missing = new LinkedHashMap<>();
        for (Task t : tasks.tasks()) {
            if (t.kind() == Task.Kind.AGENT
                    && !reused.contains(t.id())
                    && resources.catalog().findAgent(t.agent()).isEmpty()) {
                missing.computeIfAbsent(t.agent(), k -> new ArrayList<>()).add(t);
            }
        }
        return new AgentNeeds(missing);
    }

    boolean isEmpty() {
        return missing.isEmpty();
    }

    /** "service-builder (auth-service, user-service)", for messages. */
    List<String> describe() {
        List<String> out = new ArrayList<>();
        missing.forEach((agent, tasks) -> out.add(agent + " (for "
                + String.join(", ", tasks.stream().map(Task::id).toList()) + ")"));
        return out;
    }

    /**
     * Creates the missing agents, or refuses when the config does not allow it.
     *
     * @return a line for each agent created
     * @throws FanoutException (bad input) naming the missing agents when auto-creation is off
     */
    List<String> satisfy(Config config, Resources resources) {
        if (missing.isEmpty()) {
            return List.of();
        }
        if (!config.autoCreateTempResources()) {
            throw FanoutException.badInput(
                    "tasks name agents that do not exist: " + String.join("; ", describe()),
                    Hint.command("agent", "create")
                            .before("; create them with ")
                            .after(", or set auto_create_temp_resources to true"));
        }
        List<String> notes = new ArrayList<>();
        missing.forEach((agent, tasks) -> {
            Task first = tasks.get(0);
            String description = "Temporary agent for " + first.typeOrDefault() + " tasks"
                    + (first.description() == null ? "" : ": " + first.description());
            AgentSpec spec = new AgentSpec(
                    agent,
                    description.length() > 1000 ? description.substring(0, 1000) : description,
                    List.of(),
                    null,
                    null);
            if (resources.ensureAgent(spec).created()) {
                notes.add("created temporary agent '" + agent + "' for "
                        + String.join(", ", tasks.stream().map(Task::id).toList())
                        + Hint.command("agent", "show", agent)
                                .before(" (runs agent_command; ")
                                .after(")"));
            }
        });
        return notes;
    }
}
