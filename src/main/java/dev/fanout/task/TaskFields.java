package dev.fanout.task;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.fanout.LocatedException;
import dev.fanout.Location;
import dev.fanout.Names;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reads the fields of one task object, checking each field's name and type where it stands. */
final class TaskFields {
    /** Every field a task may have, for the unknown-field check and its hint. */
    static final List<String> KNOWN = List.of(
            "id",
            "type",
            "description",
            "depends_on",
            "estimated_seconds",
            "command",
            "agent",
            "prompt",
            "script",
            "cwd",
            "env",
            "timeout_seconds",
            "retries",
            "no_retry_exit_codes",
            "inputs",
            "memory_max",
            "cpus",
            "outputs",
            "env_inputs",
            "cache",
            "isolation",
            "base",
            "pool",
            "requires",
            "repeat");

    private final String file;
    private final int ordinal;
    private final Location start;

    private String id;
    private String type;
    private String description;
    private List<String> dependsOn;
    private Double estimatedSeconds;
    private TaskCommand command;
    private String agent;
    private String prompt;
    private String script;
    private String cwd;
    private Map<String, String> env;
    private Map<String, String> requires;
    private Double timeoutSeconds;
    private Integer retries;
    private int repeat = 1;
    private Location repeatAt;
    private List<Integer> noRetryExitCodes;
    private List<String> inputs;
    private Long memoryMax;
    private Double cpus;
    private final CachingFields caching = new CachingFields();
    private JsonLocation agentAt;
    private JsonLocation promptAt;
    private String isolation;
    private String baseCommit;
    private String pool;
    /** The first runner given (command, agent+prompt or script), and the second, where it stands. */
    private String runner;

    private String secondRunner;
    private JsonLocation secondRunnerAt;

    /** The tasks file's folder, which relative paths of a task are relative to; null for a stream. */
    private final Path base;
    /** What the tasks of the file share: its folder as a task's cwd, values kept once. */
    private final FieldValues shared;
    /** Types each field's value, naming the file, line and column and the task in any error. */
    private final FieldCheck check;

    TaskFields(String file, int ordinal, Location start, Path base, FieldValues shared) {
        this.base = base;
        this.file = file;
        this.ordinal = ordinal;
        this.start = start;
        this.shared = shared;
        this.check = new FieldCheck(file, this::who);
    }

    /** Reads from just after the task's '{' to its '}'. */
    /** How many independent copies of the task to run ({@code repeat}); 1 when the file gives none. */
    int repeat() {
        return repeat;
    }

    /** Where {@code repeat} stands, or null. */
    Location repeatAt() {
        return repeatAt;
    }

    Task read(JsonParser parser) throws IOException {
        List<Entry> entries = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            // where the field stands, as the parser's own record: made into a Location only for a message
            JsonLocation at = parser.currentTokenLocation();
            JsonToken token = parser.nextToken();
            Object value;
            try {
                value = shared.read(field, token, parser);
            } catch (StreamConstraintsException e) {
                throw error(at, who() + field + ": " + TaskFileReader.limitProblem(e));
            }
            // the id may come after other fields: take it at once, the others once it is known,
            // so that every message can name the task
            if (field.equals("id")) {
                field(field, value, at);
            } else {
                if (entries == null) {
                    entries = new ArrayList<>(8);
                }
                entries.add(new Entry(field, value, at));
            }
        }
        if (entries != null) {
            for (Entry e : entries) {
                field(e.name(), e.value(), e.at());
            }
        }
        if (id == null) {
            throw error(start, "task #" + ordinal + " has no id; every task needs a unique \"id\"");
        }
        if (secondRunner != null) {
            throw error(
                    secondRunnerAt,
                    "task '" + id + "' has both " + runner + " and " + secondRunner
                            + "; give it one of command, agent+prompt or script");
        }
        if (agent != null && prompt == null) {
            throw error(agentAt, "task '" + id + "' names agent '" + agent + "' but no prompt; add \"prompt\"");
        }
        if (prompt != null && agent == null) {
            throw error(promptAt, "task '" + id + "' has a prompt but no agent; add \"agent\" to say who runs it");
        }
        if (base != null) {
            // one rule for every path in a tasks file, as build tools have: relative to the file's
            // folder, wherever fanout runs; a command runs in that folder unless cwd says otherwise
            cwd = cwd == null ? shared.folder() : base.resolve(cwd).normalize().toString();
            if (script != null && Task.isScriptFile(script)) {
                script = base.resolve(script.strip()).normalize().toString();
            }
            if (inputs != null) {
                // an exclude keeps its '!' in front of the resolved path
                inputs = inputs.stream()
                        .map(i -> i.startsWith("!")
                                ? "!" + base.resolve(i.substring(1)).normalize()
                                : base.resolve(i).normalize().toString())
                        .toList();
            }
        }
        return new Task(
                id,
                type,
                description,
                dependsOn,
                estimatedSeconds,
                command,
                agent,
                prompt,
                script,
                cwd,
                env,
                timeoutSeconds,
                retries,
                noRetryExitCodes,
                inputs,
                start,
                memoryMax == null && cpus == null ? TaskLimits.NONE : new TaskLimits(memoryMax, cpus),
                caching.toCaching(),
                isolation,
                baseCommit,
                pool,
                requires);
    }

    /**
     * A field in the order it was read, before the id was known: its value is a String, a
     * List of strings, or a JsonNode (see {@link FieldValues#read}).
     */
    private record Entry(String name, Object value, JsonLocation at) {}

    private void field(String field, Object raw, JsonLocation at) {
        JsonNode v = raw instanceof JsonNode n ? n : null;
        if (field.equals("id")) {
            if (v != null && (v.isNumber() || v.isBoolean())) {
                throw error(
                        at, who() + "id must be a string, not " + FieldCheck.describe(v) + "; put the id in quotes");
            }
            id = check.text(field, raw, at);
            if (id.isEmpty()) {
                id = null;
                throw error(at, who() + "id is empty; every task needs a unique \"id\"");
            }
            String problem = Names.taskIdProblem(id);
            if (problem != null) {
                String shown = id.length() > 40 ? id.substring(0, 40) + "…" : id;
                id = null;
                throw error(at, "task id '" + shown + "' " + problem);
            }
            return;
        }
        switch (field) {
            case "type" -> type = shared.canonical(check.text(field, raw, at));
            case "description" -> description = check.text(field, raw, at);
            case "depends_on" -> dependsOn = check.textList(field, raw, at);
            case "estimated_seconds" -> {
                v = FieldValues.node(raw);
                estimatedSeconds = check.nonNegative(field, v, at);
                // sums of estimates must stay finite: the analysis adds a million of them
                if (estimatedSeconds > Task.MAX_ESTIMATE_SECONDS) {
                    throw error(
                            at,
                            who() + "estimated_seconds must be at most " + (long) Task.MAX_ESTIMATE_SECONDS
                                    + " (about 31 years), not " + v.asText());
                }
            }
            case "command" -> {
                runner("command", at);
                command = check.command(raw, at);
            }
            case "agent" -> {
                runner("agent+prompt", at);
                agent = check.text(field, raw, at);
                agentAt = at;
            }
            case "prompt" -> {
                prompt = check.text(field, raw, at);
                promptAt = at;
            }
            case "script" -> {
                runner("script", at);
                script = check.text(field, raw, at);
            }
            case "cwd" -> cwd = check.text(field, raw, at);
            case "env" -> env = check.env(FieldValues.node(raw), at);
            case "requires" -> requires = check.requires(FieldValues.node(raw), at);
            // 0 means no limit, as task_timeout_seconds does in the config
            case "timeout_seconds" -> timeoutSeconds = check.nonNegative(field, FieldValues.node(raw), at);
            case "retries" -> retries = check.nonNegativeInt(field, FieldValues.node(raw), at);
            case "repeat" -> {
                Integer n = check.nonNegativeInt(field, FieldValues.node(raw), at);
                if (n < 1 || n > Repeats.MAX) {
                    throw error(at, who() + "repeat must be from 1 to " + Repeats.MAX + ", not " + n);
                }
                repeat = n;
                repeatAt = position(at);
            }
            case "no_retry_exit_codes" -> noRetryExitCodes = check.intList(field, FieldValues.node(raw), at);
            case "inputs" ->
                inputs = CachingFields.globs(
                        field, check.textList(field, raw, at), false, who(), position(at), this::error);
            case "outputs" ->
                caching.outputs = CachingFields.globs(
                        field, check.textList(field, raw, at), true, who(), position(at), this::error);
            case "env_inputs" ->
                caching.envInputs =
                        CachingFields.envNames(check.textList(field, raw, at), who(), position(at), this::error);
            case "cache" -> {
                v = FieldValues.node(raw);
                if (!v.isBoolean()) {
                    throw check.wrongType(field, "true or false", v, at);
                }
                caching.cache = v.booleanValue();
            }
            case "memory_max" -> memoryMax = check.memoryMax(FieldValues.node(raw), at);
            case "cpus" -> cpus = check.cpus(FieldValues.node(raw), at);
            case "isolation" -> {
                isolation = check.text(field, raw, at);
                if (!isolation.equals("worktree") && !isolation.equals("none")) {
                    throw error(at, who() + "isolation must be \"worktree\" or \"none\", not '" + isolation + "'");
                }
            }
            case "pool" -> {
                pool = check.text(field, raw, at);
                if (!Names.isTaskId(pool)) {
                    throw error(at, who() + "pool '" + pool + "' may hold only letters, digits, '.', '_' and '-'");
                }
            }
            case "base" -> {
                baseCommit = check.text(field, raw, at);
                if (baseCommit.isBlank() || baseCommit.startsWith("-")) {
                    throw error(
                            at,
                            who() + "base must name a commit or branch (\"main\", \"HEAD~1\"), not '" + baseCommit
                                    + "'");
                }
            }
            default ->
                throw error(
                        at,
                        who() + "unknown field '" + field + "'"
                                + Names.closest(field, KNOWN)
                                        .map(c -> " (did you mean '" + c + "'?)")
                                        .orElse("; known fields: " + String.join(", ", KNOWN)));
        }
    }

    private void runner(String kind, JsonLocation at) {
        if (runner == null) {
            runner = kind;
        } else if (secondRunner == null && !runner.equals(kind)) {
            secondRunner = kind;
            secondRunnerAt = at;
        }
    }

    private String who() {
        return id == null ? "task #" + ordinal + ": " : "task '" + id + "': ";
    }

    private LocatedException error(Location at, String problem) {
        return check.error(at, problem);
    }

    private LocatedException error(JsonLocation at, String problem) {
        return check.error(at, problem);
    }

    private Location position(JsonLocation at) {
        return check.position(at);
    }
}
