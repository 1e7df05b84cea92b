package dev.fanout.merge;

import dev.fanout.FanoutException;
import dev.fanout.Hint;
import dev.fanout.Names;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The strategies a session knows: the built-in ones, then those scripts register while it runs.
 * Safe to use from several threads (a script registers on the engine's thread while a command
 * lists them on another).
 */
public final class StrategyRegistry {
    /** What {@code --strategy} takes to choose from the tasks' types. */
    public static final String AUTO = "auto";
    // the original result-merger.py named the testing strategy "test"
    private static final Map<String, String> ALIASES = Map.of("test", TestResultsMerge.NAME);

    private final Map<String, RegisteredStrategy> strategies = new LinkedHashMap<>();

    private StrategyRegistry() {}

    /** A registry holding the built-in strategies. */
    public static StrategyRegistry withBuiltIns() {
        StrategyRegistry r = new StrategyRegistry();
        for (MergeStrategy s : List.of(
                new ServiceCreationMerge(),
                new FileReadMerge(),
                new SearchHitsMerge(),
                new TestResultsMerge(),
                new BuildMerge(),
                new DeploymentMerge(),
                new ByTaskMerge(),
                new ChangesMerge(),
                new BestMerge())) {
            r.strategies.put(s.name(), new RegisteredStrategy(s, RegisteredStrategy.BUILT_IN));
        }
        return r;
    }

    /**
     * Adds a strategy, or replaces one a script registered before under the same name (running a
     * script again updates its strategies).
     *
     * @param origin where it comes from, e.g. "script: nightly.js"
     * @throws FanoutException (bad input) when the name is not {@code [A-Za-z0-9._-]+}, is "auto",
     *     or is a built-in strategy's name
     */
    public synchronized void register(MergeStrategy strategy, String origin) {
        String name = strategy.name();
        if (!Names.isTaskId(name)) {
            throw FanoutException.badInput(
                    "strategy name '" + name + "' is not valid: use letters, digits, '.', '_' and '-'");
        }
        RegisteredStrategy existing = strategies.get(name);
        if (name.equals(AUTO) || ALIASES.containsKey(name) || (existing != null && existing.builtIn())) {
            throw FanoutException.badInput(
                    "'" + name + "' is the name of a built-in strategy; register yours under another name");
        }
        strategies.put(name, new RegisteredStrategy(strategy, origin == null ? "unknown" : origin));
    }

    /** Removes a registered strategy (a built-in one stays). */
    public synchronized void remove(String name) {
        RegisteredStrategy existing = strategies.get(name);
        if (existing != null && !existing.builtIn()) {
            strategies.remove(name);
        }
    }

    /** Every strategy: built-in ones first, then registered ones in the order they came. */
    public synchronized List<RegisteredStrategy> all() {
        return List.copyOf(strategies.values());
    }

    /** The names {@code --strategy} accepts, "auto" included, for completion. */
    public synchronized List<String> names() {
        List<String> names = new ArrayList<>(strategies.keySet());
        names.add(AUTO);
        return names;
    }

    /** The strategy of that name (or alias), if any. */
    public synchronized Optional<RegisteredStrategy> find(String name) {
        return Optional.ofNullable(strategies.get(ALIASES.getOrDefault(name, name)));
    }

    /**
     * The strategy of that name.
     *
     * @throws FanoutException (bad input) naming the closest known strategy when there is none
     */
    public RegisteredStrategy require(String name) {
        return find(name)
                .orElseThrow(() -> FanoutException.badInput(
                        "unknown merge strategy '" + name + "'"
                                + Names.closest(name, names())
                                        .map(c -> "; did you mean '" + c + "'?")
                                        .orElse(""),
                        Hint.command("strategies").before(" (").after(" lists them)")));
    }

    /** The strategy for tasks of {@code type}: the one named like the type, else {@code generic}. */
    public synchronized MergeStrategy forType(String type) {
        RegisteredStrategy s = type == null ? null : strategies.get(type);
        return s != null ? s.strategy() : strategies.get(ByTaskMerge.NAME).strategy();
    }
}
