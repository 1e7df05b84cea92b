package dev.fanout.merge;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * Combines the outputs of several tasks into one answer. Implementations document the result
 * shape they read and the shape they return, and tolerate tasks that returned nothing.
 */
public interface MergeStrategy {

    /** The name users give to {@code --strategy}. */
    String name();

    /** One line saying what the strategy does. */
    String description();

    /**
     * Merges outputs given in task order.
     *
     * @return the merged answer as JSON
     * @throws MergeException when the outputs cannot be merged (the caller keeps the individual results)
     */
    JsonNode merge(List<TaskOutput> outputs);
}
