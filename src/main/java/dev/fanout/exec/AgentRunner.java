package dev.fanout.exec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fanout.AtomicFile;
import dev.fanout.Hint;
import dev.fanout.Json;
import dev.fanout.agent.AgentDefinition;
import dev.fanout.agent.ResourceKind;
import dev.fanout.agent.Resources;
import dev.fanout.exec.RunningAttempt.AttemptEnd;
import dev.fanout.task.Task;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Runs a task's prompt through its agent: the agent's argv template (or {@code agent_command})
 * with placeholders filled inside each argument, so no shell ever sees a prompt. When the
 * agent prints the JSON of {@code claude -p --output-format json}, its result, error flag,
 * turns, cost and token usage become the task's result and the attempt's {@link Usage}; an
 * error that says the service is overloaded or rate-limited is retried (and backs its pool
 * off), another is not.
 */
public final class AgentRunner implements TaskRunner {
    private static final Pattern TRANSIENT =
            Pattern.compile("(?i)overloaded|rate.?limit|too many requests|\\b429\\b|\\b529\\b|try again later");
    /** Agent output is parsed as JSON only up to this size. */
    private static final long JSON_LIMIT = 16L << 20;

    private final Resources resources;

    public AgentRunner(Resources resources) {
        this.resources = resources;
    }

    @Override
    public RunningAttempt start(Task task, AttemptContext ctx) throws LaunchException {
        AgentDefinition agent;
        try {
            agent = resources
                    .catalog()
                    .findAgent(task.agent())
                    .orElseThrow(() -> new LaunchException("agent '" + task.agent() + "' does not exist"
                            + Hint.command("agent", "list").before("; ").after(" lists them")));
            if (agent.temporary() && ctx.attempt() == 1) {
                resources.markUsed(ResourceKind.AGENT, agent.name());
            }
        } catch (dev.fanout.FanoutException e) {
            // a damaged agent file or registry: the user's to fix, in the message's own words
            throw new LaunchException(e.getMessage());
        }
        List<String> template = agent.command().isEmpty() ? ctx.config().agentCommand() : agent.command();
        if (template.isEmpty()) {
            throw new LaunchException("agent '" + agent.name() + "' has no command and agent_command is empty");
        }
        List<String> argv = fill(template, values(task, agent));
        Map<String, String> env = new HashMap<>(task.env());
        env.put("CLAUDECODE", null); // an agent started inside another agent's session may refuse to run
        RunningAttempt process = ProcessLauncher.start(argv, task.cwd(), env, ctx, Containment.system(), task.limits());
        return RunningAttempt.of(process.ended().thenApply(end -> interpret(end, ctx)), process::stop);
    }

    /** The value of each placeholder for this task and agent. */
    static Map<String, String> values(Task task, AgentDefinition agent) {
        Map<String, String> v = new HashMap<>();
        v.put("{prompt}", task.prompt());
        v.put("{body}", agent.body() == null ? "" : agent.body());
        v.put("{task_id}", task.id());
        v.put("{description}", task.description() == null ? "" : task.description());
        v.put("{model}", agent.model() == null ? "" : agent.model());
        v.put("{tools}", String.join(",", agent.tools()));
        v.put(
                "{cwd}",
                Path.of(task.cwd() == null ? "" : task.cwd()).toAbsolutePath().toString());
        return v;
    }

    /** Fills placeholders argument by argument; a value is inserted as it is, whatever it holds. */
    static List<String> fill(List<String> template, Map<String, String> values) {
        List<String> argv = new ArrayList<>(template.size());
        for (String arg : template) {
            StringBuilder out = new StringBuilder();
            int i = 0;
            while (i < arg.length()) {
                int open = arg.indexOf('{', i);
                int close = open < 0 ? -1 : arg.indexOf('}', open);
                String key = close < 0 ? null : arg.substring(open, close + 1);
                if (key == null || !values.containsKey(key)) {
                    int stop = open < 0 ? arg.length() : open + 1;
                    out.append(arg, i, stop);
                    i = stop;
                    continue;
                }
                out.append(arg, i, open).append(values.get(key));
                i = close + 1;
            }
            argv.add(out.toString());
        }
        return argv;
    }

    /** Reads the agent's JSON verdict from stdout, when it printed one. */
    private static AttemptEnd interpret(AttemptEnd end, AttemptContext ctx) {
        JsonNode out = agentJson(ctx.stdout());
        if (out == null) {
            return end;
        }
        ObjectNode result = Json.mapper().createObjectNode();
        result.set("result", out.get("result"));
        result.put("is_error", out.path("is_error").asBoolean(false));
        for (String field : new String[] {"num_turns", "total_cost_usd", "usage", "session_id", "duration_ms"}) {
            if (out.has(field)) {
                result.set(field, out.get(field));
            }
        }
        try {
            if (!Files.exists(ctx.resultFile()) || Files.size(ctx.resultFile()) == 0) {
                AtomicFile.write(ctx.resultFile(), o -> Json.mapper().writeValue(o, result));
            }
        } catch (IOException e) {
            // the agent's stdout log still holds its output
        }
        Usage usage = Usage.ofAgentJson(out);
        if (!out.path("is_error").asBoolean(false)) {
            return new AttemptEnd(
                    end.exitCode(), end.signal(), end.error(), end.retryable(), end.ranSeconds(), usage, false);
        }
        String text = out.path("result").asText("").strip();
        String first = text.lines().findFirst().orElse("no message");
        boolean overloaded = TRANSIENT.matcher(text).find();
        return new AttemptEnd(
                end.exitCode() == null || end.exitCode() == 0 ? 1 : end.exitCode(),
                end.signal(),
                "the agent reported an error: " + (first.length() > 160 ? first.substring(0, 160) + "…" : first),
                overloaded,
                end.ranSeconds(),
                usage,
                overloaded);
    }

    private static JsonNode agentJson(Path stdout) {
        try {
            if (!Files.exists(stdout) || Files.size(stdout) > JSON_LIMIT) {
                return null;
            }
            String text = Files.readString(stdout).strip();
            if (!text.startsWith("{")) {
                return null;
            }
            JsonNode node = Json.mapper().readTree(text);
            return node.isObject() && node.has("is_error") && node.has("result") ? node : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
