package dev.fanout.agent;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Every skill or agent found, in lookup order, and the files that could not be read.
 *
 * @param found    all readable resources, in lookup order; a name may appear more than once
 *                 when several places hold it (the first one is used)
 * @param problems files that could not be read, with where and why
 */
public record Listing<T extends Resource>(List<T> found, List<ResourceProblem> problems) {

    public Listing {
        found = List.copyOf(found);
        problems = List.copyOf(problems);
    }

    /** The resources lookups use: the first of each name. */
    public List<T> effective() {
        Set<String> seen = new HashSet<>();
        List<T> out = new ArrayList<>();
        for (T r : found) {
            if (seen.add(r.name())) {
                out.add(r);
            }
        }
        return out;
    }

    /** Whether {@code r} is hidden by an earlier resource of the same name. */
    public boolean shadowed(T r) {
        for (T other : found) {
            if (other.name().equals(r.name())) {
                return other != r;
            }
        }
        return false;
    }
}
