package dev.fanout.exec;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fanout.task.TaskSet;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * A generated run for the property tests: a DAG of tasks, what each attempt of each task does and
 * for how long, and how the run is started. Its {@link #toString} is what a shrunk counterexample
 * shows, one line a task: {@code t3<-t0,t1 r2: F4 S2} is task t3, depending on t0 and t1, with 2
 * retries, whose first attempt fails after 4 s and second succeeds after 2 s ({@code H}: hangs
 * until its {@value #TIMEOUT_SECONDS} s timeout). The last step repeats for later attempts.
 *
 * @param cutAtMillis when the run is interrupted (Ctrl-C), in virtual milliseconds, or -1 for never
 */
record RunCase(List<Spec> tasks, int jobs, boolean parallel, HaltPolicy halt, long cutAtMillis) {
    static final int TIMEOUT_SECONDS = 12;

    /** What one attempt does. */
    enum Kind {
        SUCCEED,
        FAIL,
        HANG
    }

    /** One attempt's behaviour: what it does, and after how many seconds (a hang lasts until its timeout). */
    record Step(Kind kind, int seconds) {
        @Override
        public String toString() {
            return kind == Kind.HANG ? "H" : kind.name().charAt(0) + Integer.toString(seconds);
        }
    }

    /**
     * One task.
     *
     * @param back its dependencies, as distances back in the list (a distance past the start is ignored)
     * @param steps its attempts' behaviour, the last repeating
     */
    record Spec(List<Integer> back, int retries, List<Step> steps) {
        Step step(int attempt) {
            return steps.get(Math.min(attempt, steps.size()) - 1);
        }
    }

    /** The task's dependencies, as task numbers: earlier tasks only, so the graph has no cycle. */
    Set<Integer> dependencies(int task) {
        Set<Integer> deps = new LinkedHashSet<>();
        for (int b : tasks.get(task).back()) {
            if (task - b >= 0) {
                deps.add(task - b);
            }
        }
        return deps;
    }

    static String id(int task) {
        return "t" + task;
    }

    /** The same run with every attempt succeeding (durations kept): for the makespan and the resumed run. */
    RunCase allSucceed() {
        List<Spec> ok = tasks.stream()
                .map(s -> new Spec(
                        s.back(),
                        s.retries(),
                        List.of(new Step(Kind.SUCCEED, s.steps().get(0).seconds()))))
                .toList();
        return new RunCase(ok, jobs, parallel, halt, -1);
    }

    RunCase withHalt(HaltPolicy h) {
        return new RunCase(tasks, jobs, parallel, h, cutAtMillis);
    }

    RunCase withCut(long atMillis) {
        return new RunCase(tasks, jobs, parallel, halt, atMillis);
    }

    /** The tasks file: each task's estimate is its first attempt's duration (the makespan property needs that). */
    ObjectNode tasksFile(double backoffBase, double maxBackoff) {
        List<ObjectNode> nodes = new ArrayList<>();
        for (int i = 0; i < tasks.size(); i++) {
            Spec s = tasks.get(i);
            ObjectNode t = RunFixture.task(
                    id(i), "true", dependencies(i).stream().map(RunCase::id).toArray(String[]::new));
            t.put("retries", s.retries());
            t.put("timeout_seconds", TIMEOUT_SECONDS);
            t.put("estimated_seconds", s.steps().get(0).seconds());
            nodes.add(t);
        }
        return RunFixture.file(
                RunFixture.config("backoff_base_seconds", backoffBase, "max_backoff_seconds", maxBackoff),
                nodes.toArray(ObjectNode[]::new));
    }

    TaskSet taskSet() {
        return RunFixture.parse(tasksFile(2, 60));
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("\njobs=" + jobs + (parallel ? " parallel" : " sequential") + " halt="
                + halt.name().toLowerCase() + (cutAtMillis >= 0 ? " cut@" + cutAtMillis + "ms" : "") + "\n");
        for (int i = 0; i < tasks.size(); i++) {
            Spec t = tasks.get(i);
            s.append(id(i));
            Set<Integer> deps = dependencies(i);
            if (!deps.isEmpty()) {
                s.append("<-")
                        .append(String.join(",", deps.stream().map(RunCase::id).toList()));
            }
            s.append(" r").append(t.retries()).append(":");
            t.steps().forEach(step -> s.append(' ').append(step));
            s.append('\n');
        }
        return s.toString();
    }

    // ---- generators

    static Arbitrary<Step> steps() {
        Arbitrary<Kind> kind = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, Arbitraries.just(Kind.SUCCEED)),
                net.jqwik.api.Tuple.of(3, Arbitraries.just(Kind.FAIL)),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(Kind.HANG)));
        return Combinators.combine(kind, Arbitraries.integers().between(1, 9)).as(Step::new);
    }

    static Arbitrary<Spec> specs() {
        return Combinators.combine(
                        Arbitraries.integers().between(1, 12).list().ofMaxSize(3),
                        Arbitraries.integers().between(0, 3),
                        steps().list().ofMinSize(1).ofMaxSize(4))
                .as(Spec::new);
    }

    /** Random runs of 1 to {@code maxTasks} tasks. */
    static Arbitrary<RunCase> cases(int maxTasks) {
        return Combinators.combine(
                        // mostly small graphs, where a counterexample reads best, and now and then a big one
                        specs().list()
                                .ofMinSize(1)
                                .ofMaxSize(maxTasks)
                                .withSizeDistribution(net.jqwik.api.RandomDistribution.biased()),
                        Arbitraries.integers().between(1, 8),
                        Arbitraries.of(true, false),
                        Arbitraries.of(HaltPolicy.class),
                        Arbitraries.longs().between(0, 60_000).injectNull(0.6))
                .as((tasks, jobs, parallel, halt, cut) ->
                        new RunCase(tasks, jobs, parallel, halt, cut == null ? -1 : cut));
    }
}
