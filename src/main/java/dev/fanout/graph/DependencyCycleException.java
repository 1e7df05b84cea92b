package dev.fanout.graph;

import dev.fanout.FanoutException;
import java.util.List;

/** The tasks' dependencies form a cycle; {@link #cycle()} is its path, first task repeated at the end. */
public class DependencyCycleException extends FanoutException {
    private final List<String> cycle;

    /**
     * @param where the file, or the file position of the cycle's first task ({@code tasks.json:3:5})
     * @param cycle the path, first task repeated at the end; each task depends on the next
     */
    public DependencyCycleException(String where, List<String> cycle) {
        super(
                BAD_INPUT,
                where + ": dependency cycle " + String.join(" -> ", cycle)
                        + "; remove one of these depends_on entries");
        this.cycle = List.copyOf(cycle);
    }

    public List<String> cycle() {
        return cycle;
    }
}
