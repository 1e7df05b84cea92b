package dev.fanout.agent;

import dev.fanout.LocatedException;
import dev.fanout.Names;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An agent: the file {@code NAME.md} in the format AI coding tools read (frontmatter
 * {@code name}, {@code description}, {@code tools}, {@code model}; the body is its system
 * prompt), plus fanout's {@code command}: the argv template that runs it.
 *
 * @param tools   the tools it may use; empty when the file names none
 * @param model   the model, or null when the file names none
 * @param command the argv template, each element one argument with placeholders such as
 *                {@code {prompt}}; empty means "use {@code agent_command} from the config"
 * @param path    the agent's file
 * @param pool    the concurrency pool its tasks count against (a task's own {@code pool} wins), or null
 */
public record AgentDefinition(
        String name,
        String description,
        List<String> tools,
        String model,
        List<String> command,
        String body,
        Map<String, String> metadata,
        Path path,
        Origin origin,
        String pool)
        implements Resource {
    /** The placeholders a command template may hold; each is replaced inside one argument. */
    public static final Set<String> PLACEHOLDERS =
            Set.of("{prompt}", "{body}", "{task_id}", "{description}", "{model}", "{tools}", "{cwd}");

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{[a-z_]+\\}");

    public AgentDefinition {
        tools = List.copyOf(tools);
        command = List.copyOf(command);
        metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
    }

    /** An agent in no pool. */
    public AgentDefinition(
            String name,
            String description,
            List<String> tools,
            String model,
            List<String> command,
            String body,
            Map<String, String> metadata,
            Path path,
            Origin origin) {
        this(name, description, tools, model, command, body, metadata, path, origin, null);
    }

    public boolean temporary() {
        return origin == Origin.TEMPORARY;
    }

    /**
     * Reads {@code NAME.md}, written by fanout, by hand or by another tool.
     *
     * @throws LocatedException naming the file and line when it is not a valid agent
     */
    public static AgentDefinition read(Path file, Origin origin) {
        Frontmatter fm = Frontmatter.read(file);
        String stem = file.getFileName().toString().replaceFirst("\\.md$", "");
        String name = fm.text("name");
        if (name == null) {
            throw fm.error("name", "the agent has no 'name'; add 'name: " + stem + "' to the frontmatter");
        }
        String problem = ResourceKind.nameProblem(name);
        if (problem != null) {
            throw fm.error(
                    "name",
                    "agent name '" + ResourceKind.printable(name) + "' " + problem
                            + " (lowercase letters, digits and hyphens, at most " + ResourceKind.MAX_NAME_LENGTH
                            + " characters)");
        }
        if (!name.equals(stem)) {
            throw fm.error(
                    "name",
                    "agent name '" + name + "' differs from its file name '" + stem
                            + ".md'; fanout finds agents by file name, so rename one of them");
        }
        String description = fm.text("description");
        if (description == null) {
            throw fm.error("description", "the agent has no 'description'; add one saying what it does");
        }
        List<String> command = List.of();
        if (fm.fields().containsKey("command")) {
            if (fm.fields().get("command").isValueNode()
                    && !fm.fields().get("command").isNull()) {
                throw fm.error(
                        "command",
                        "'command' must be a list of arguments, like [\"claude\", \"-p\", \"{prompt}\"]: "
                                + "fanout passes each one as it is and never runs a shell");
            }
            command = fm.strings("command", false);
            String bad = commandProblem(command);
            if (bad != null) {
                throw fm.error("command", bad);
            }
        }
        String pool = fm.text("pool");
        if (pool != null && !Names.isTaskId(pool)) {
            throw fm.error(
                    "pool",
                    "pool name '" + ResourceKind.printable(pool) + "' must be letters, digits, '.', '_' or '-',"
                            + " as in the config's \"pools\"");
        }
        return new AgentDefinition(
                name,
                description,
                fm.strings("tools", true),
                fm.text("model"),
                command,
                fm.body(),
                fm.stringMap("metadata"),
                file,
                origin,
                pool);
    }

    /** What is wrong with a command template, or null when nothing is. */
    static String commandProblem(List<String> command) {
        if (command.isEmpty()) {
            return "the command template is empty; give the agent's argv, like [\"claude\", \"-p\", \"{prompt}\"], "
                    + "or leave 'command' out to use agent_command from the config";
        }
        if (command.get(0).isBlank()) {
            return "the command template's first argument (the program) is empty";
        }
        for (String arg : command) {
            Matcher m = PLACEHOLDER.matcher(arg);
            while (m.find()) {
                if (!PLACEHOLDERS.contains(m.group())) {
                    return "unknown placeholder " + m.group() + " in the command template"
                            + Names.closest(m.group(), PLACEHOLDERS)
                                    .map(c -> " (did you mean " + c + "?)")
                                    .orElse("; known: "
                                            + String.join(
                                                    ", ",
                                                    PLACEHOLDERS.stream()
                                                            .sorted()
                                                            .toList()));
                }
            }
        }
        return null;
    }

    /** The file's text; reading it back gives this agent again. */
    public String toMarkdown() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("name", name);
        fields.put("description", description);
        fields.put("tools", tools.isEmpty() ? null : String.join(", ", tools));
        fields.put("model", model);
        fields.put("command", command);
        fields.put("pool", pool);
        fields.put("metadata", metadata);
        return Frontmatter.format(fields, body);
    }

    /** Whether the two do the same thing under any name: same description, tools, model, command and body. */
    public boolean sameContent(AgentDefinition other) {
        return description.equals(other.description)
                && tools.equals(other.tools)
                && java.util.Objects.equals(model, other.model)
                && command.equals(other.command)
                && body.strip().equals(other.body.strip());
    }
}
