package dev.fanout.session;

import dev.fanout.agent.LifecycleDecision;
import dev.fanout.agent.Resources;
import dev.fanout.cluster.ClusterKey;
import dev.fanout.cluster.ClusterRunner;
import dev.fanout.config.Config;
import dev.fanout.exec.AgentRunner;
import dev.fanout.exec.CommandRunner;
import dev.fanout.exec.Run;
import dev.fanout.exec.RunListener;
import dev.fanout.exec.RunRecord;
import dev.fanout.exec.TaskRunner;
import dev.fanout.merge.Merged;
import dev.fanout.merge.StrategyRegistry;
import dev.fanout.task.Task;
import dev.fanout.workspace.IsolatedRunner;
import dev.fanout.workspace.WorkspaceException;
import dev.fanout.workspace.Worktrees;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * How a session starts a run and what it does once the run is over: the runners for each kind
 * of task (a cluster's in place of local commands when one is configured), agents made before,
 * worktrees and temporary resources cleaned after, and the run's results merged.
 */
final class SessionRuns {
    private final Session session;
    private final SessionScripts scripts;
    /** The connection of the last {@code run --cluster}, closed when the run is over. */
    private ClusterRunner cluster;

    SessionRuns(Session session, SessionScripts scripts) {
        this.session = session;
        this.scripts = scripts;
    }

    Run start(RunPlan plan, RunListener listener) {
        Map<Task.Kind, TaskRunner> runners = runners(plan.config(), plan.tasksFolder());
        closeCluster();
        if (!plan.config().clusterMembers().isEmpty()) {
            // connected and checked before anything runs: a missing worker is an error, not a stall
            cluster = ClusterRunner.connect(
                    "fanout",
                    plan.config().clusterMembers(),
                    ClusterKey.load(session.home().root().resolve("cluster.key")));
            cluster.check(plan.tasks().tasks());
            runners.put(Task.Kind.COMMAND, cluster);
        }
        Resources resources = session.resources(plan.config());
        AgentNeeds.of(plan.tasks(), plan.reusedIds(), resources)
                .satisfy(plan.config(), resources)
                .forEach(listener::note);
        cleanLeftoverWorktrees(listener);
        return Run.prepare(
                session.runStore(),
                plan.graph(),
                plan.config(),
                plan.options(),
                plan.modeReason(),
                plan.analysis().speedup(),
                runners,
                listener,
                plan.carried(),
                new CacheResolver(SessionCache.forRun(session, plan), listener::note));
    }

    AfterRun finish(RunPlan plan, RunRecord record) {
        closeCluster();
        session.worktrees().finish(record.runId(), plan.config().keepWorktrees());
        Merged merged = RunMerge.mergeAndKeep(record, StrategyRegistry.AUTO, session.strategies());
        // a run without agents leaves the registry alone, so a damaged one cannot block it
        boolean usesAgents = plan.tasks().tasks().stream().anyMatch(t -> t.kind() == Task.Kind.AGENT);
        List<LifecycleDecision> cleanup = plan.config().autoCleanupTempResources() && usesAgents
                ? AfterRun.touchedBy(
                        plan.tasks(), session.resources(plan.config()).cleanup(false))
                : List.of();
        return new AfterRun(record, merged, cleanup);
    }

    private void closeCluster() {
        if (cluster != null) {
            cluster.close();
            cluster = null;
        }
    }

    /** The runners for each kind of task; script paths resolve against {@code tasksFolder}. */
    private Map<Task.Kind, TaskRunner> runners(Config config, Path tasksFolder) {
        Map<Task.Kind, TaskRunner> runners = new EnumMap<>(Task.Kind.class);
        Worktrees worktrees = session.worktrees();
        runners.put(Task.Kind.COMMAND, new IsolatedRunner(new CommandRunner(), worktrees));
        runners.put(Task.Kind.AGENT, new IsolatedRunner(new AgentRunner(session.resources(config)), worktrees));
        runners.put(Task.Kind.SCRIPT, new ScriptTaskRunner(() -> scripts.bridge(config), tasksFolder));
        return runners;
    }

    /** A killed run's worktrees are removed by the next run (their branches stay). */
    private void cleanLeftoverWorktrees(RunListener listener) {
        try {
            List<Path> removed = session.worktrees().cleanLeftovers(false);
            if (!removed.isEmpty()) {
                listener.note("removed " + removed.size() + " worktree(s) left by an earlier run that was killed");
            }
        } catch (WorkspaceException e) {
            listener.note("could not remove an earlier run's worktrees: " + e.getMessage());
        }
    }
}
