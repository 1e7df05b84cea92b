package dev.fanout.task;

import java.util.List;

/**
 * What a task tells the result cache beyond its {@code inputs}: the files it produces, the
 * environment variables its result depends on, and whether it is cached at all.
 *
 * @param outputs globs, relative to the task's cwd, of the files it produces (restored on a hit)
 * @param envInputs names of environment variables whose values decide its result
 * @param cache true or false as the task says, or null for the default (cached when it declares inputs)
 */
public record Caching(List<String> outputs, List<String> envInputs, Boolean cache) {
    /** A task that says nothing about caching. */
    public static final Caching NONE = new Caching(null, null, null);

    public Caching {
        outputs = outputs == null ? List.of() : List.copyOf(outputs);
        envInputs = envInputs == null ? List.of() : List.copyOf(envInputs);
    }

    public boolean isNone() {
        return outputs.isEmpty() && envInputs.isEmpty() && cache == null;
    }
}
