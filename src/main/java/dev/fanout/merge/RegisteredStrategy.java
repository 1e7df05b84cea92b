package dev.fanout.merge;

/**
 * A strategy as the registry holds it, with where it came from.
 *
 * @param origin "built-in", or where a script registered it, e.g. "script: nightly.js"
 */
public record RegisteredStrategy(MergeStrategy strategy, String origin) {
    /** The origin of the strategies fanout ships. */
    public static final String BUILT_IN = "built-in";

    public String name() {
        return strategy.name();
    }

    public String description() {
        return strategy.description();
    }

    public boolean builtIn() {
        return BUILT_IN.equals(origin);
    }
}
