package dev.fanout.agent;

import dev.fanout.FanoutException;
import java.util.ArrayList;
import java.util.List;

/**
 * What a new agent is made from.
 *
 * @param tools   tool names, such as Bash or Read; may be empty
 * @param model   the model, or null
 * @param command the argv template, or null to use {@code agent_command} from the config (an
 *                empty list is refused: it is a template with no program in it)
 * @param pool    the concurrency pool its tasks count against, or null
 * @throws FanoutException (bad input) from the constructor for a bad name, a missing or long
 *     description, a tool name with a comma, or a command template that is not usable
 */
public record AgentSpec(
        String name, String description, List<String> tools, String model, List<String> command, String pool) {

    /** An agent in no pool. */
    public AgentSpec(String name, String description, List<String> tools, String model, List<String> command) {
        this(name, description, tools, model, command, null);
    }

    public AgentSpec {
        ResourceKind.AGENT.checkName(name);
        description = ResourceKind.AGENT.checkDescription(description);
        List<String> cleanTools = new ArrayList<>();
        for (String t : tools == null ? List.<String>of() : tools) {
            for (String part : t.split(",")) {
                if (!part.isBlank()) {
                    cleanTools.add(part.strip());
                }
            }
        }
        tools = List.copyOf(cleanTools);
        model = model == null || model.isBlank() ? null : model.strip();
        if (model != null && (model.contains("\n") || model.contains("\r"))) {
            throw FanoutException.badInput("agent '" + name + "': the model name spans lines");
        }
        if (pool != null && !dev.fanout.Names.isTaskId(pool)) {
            throw FanoutException.badInput("agent '" + name + "': pool name '" + pool
                    + "' must be letters, digits, '.', '_' or '-', as in the config's \"pools\"");
        }
        if (command == null) {
            command = List.of();
        } else {
            String problem = AgentDefinition.commandProblem(command);
            if (problem != null) {
                throw FanoutException.badInput("agent '" + name + "': " + problem);
            }
            command = List.copyOf(command);
        }
    }

    /** The system prompt written as the agent file's body. */
    public String body() {
        return "You are " + name + ": " + description + "\n\n"
                + "Work on the task in the prompt you are given. Keep to what it asks, and say at the end what you did.\n";
    }
}
