package dev.fanout.session;

import dev.fanout.FanoutException;
import dev.fanout.agent.AgentDefinition;
import dev.fanout.agent.Resources;
import dev.fanout.cache.CachePreview;
import dev.fanout.cache.CacheStore;
import dev.fanout.cache.FolderResultCache;
import dev.fanout.cache.ResultCache;
import dev.fanout.cache.TaskKeys;
import dev.fanout.config.Config;
import dev.fanout.graph.TaskGraph;
import dev.fanout.task.Task;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Wires the result cache to a session: where it lives, and what a task's work is — for an agent
 * task, the agent's definition (its file's content and the command it runs) with the prompt; for
 * a script in a file, the file's content.
 */
final class SessionCache {
    private SessionCache() {}

    static CacheStore store(Session session) {
        return new CacheStore(session.home().cacheDir());
    }

    /** The cache a run uses, or {@link ResultCache#OFF} for --no-cache. */
    static ResultCache forRun(Session session, RunPlan plan) {
        if (!plan.cache().enabled()) {
            return ResultCache.OFF;
        }
        unknownForced(plan);
        return new FolderResultCache(
                store(session),
                keys(session, plan.config(), plan.tasksFolder()),
                plan.config().cache(),
                plan.cache().forced());
    }

    /** What the cache would do for each of a plan's tasks, in dependency order. */
    static Map<String, CachePreview.Preview> preview(Session session, RunPlan plan) {
        unknownForced(plan);
        TaskGraph g = plan.graph();
        List<Task> order = new ArrayList<>(g.size());
        for (int v : g.topologicalOrder()) {
            order.add(g.task(v));
        }
        try (TaskKeys keys = keys(session, plan.config(), plan.tasksFolder())) {
            return CachePreview.of(
                    order,
                    store(session),
                    keys,
                    plan.cache().enabled(),
                    plan.config().cache(),
                    plan.cache().forced());
        }
    }

    private static void unknownForced(RunPlan plan) {
        for (String id : plan.cache().forced()) {
            if (!plan.tasks().ids().contains(id)) {
                throw FanoutException.badInput("--force " + id + ": no such task"
                        + dev.fanout.Names.closest(id, plan.tasks().ids())
                                .map(c -> " (did you mean '" + c + "'?)")
                                .orElse(""));
            }
        }
    }

    static TaskKeys keys(Session session, Config config, Path tasksFolder) {
        Resources resources = session.resources(config);
        return new TaskKeys(t -> work(t, resources, config, tasksFolder), System.getenv());
    }

    private static String work(Task t, Resources resources, Config config, Path tasksFolder) {
        String plain = TaskKeys.plainWork(t);
        if (t.kind() == Task.Kind.AGENT) {
            String definition = resources
                    .catalog()
                    .findAgent(t.agent())
                    .map(AgentDefinition::toMarkdown)
                    .orElse("(not defined yet)");
            return plain + "\0" + definition + "\0" + String.join("\0", config.agentCommand());
        }
        if (t.kind() == Task.Kind.SCRIPT && t.script().strip().endsWith(".js")) {
            Path file = tasksFolder.resolve(t.script().strip());
            try {
                return plain + "\0" + Files.readString(file);
            } catch (IOException e) {
                return plain; // the run reports a missing script
            }
        }
        return plain;
    }
}
