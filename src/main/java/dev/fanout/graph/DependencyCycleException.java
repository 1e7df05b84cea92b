package dev.fanout.graph;

import dev.fanout.FanoutException;
import java.util.List;

/** The tasks' dependencies form a cycle; {@link #cycle()} is its path, first task repeated at the end. */
public class DependencyCycleException extends FanoutException {
    private final List<String> cycle;

    public DependencyCycleException(String source, List<String> cycle) {
        super(BAD_INPUT, source + ": dependency cycle " + String.join(" -> ", cycle)
                + "; remove one of these depends_on entries");
        this.cycle = List.copyOf(cycle);
    }

    public List<String> cycle() {
        return cycle;
    }
}
