package dev.fanout.merge;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * Combines the outputs of several tasks into one answer. Implementations document the result
 * shape they read and the shape they return, and tolerate tasks that returned nothing.
 *
 * <p>An answer that is an object may carry a {@code "notes"} array of strings: warnings for the
 * reader (a figure computed a weaker way, an input left out), which {@link ResultMerger} also
 * returns in {@link Merged#notes()}. Register a strategy with {@link StrategyRegistry#register}.
 */
public interface MergeStrategy {

    /** The name users give to {@code --strategy}. */
    String name();

    /** One line saying what the strategy does. */
    String description();

    /**
     * Merges outputs given in task order. It must not change the outputs' JSON.
     *
     * @return the merged answer as JSON (null counts as a failure)
     * @throws MergeException when the outputs cannot be merged (the caller keeps the individual results)
     */
    JsonNode merge(List<TaskOutput> outputs);
}
