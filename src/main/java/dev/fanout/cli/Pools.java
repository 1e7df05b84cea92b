package dev.fanout.cli;

import dev.fanout.session.RunPlan;
import dev.fanout.task.Task;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The pools a run uses, for the dry run: "claude 2 (a, b), gpu 1 (c)". */
final class Pools {
    private static final int NAMED = 5;

    private Pools() {}

    static String describe(RunPlan plan) {
        Map<String, List<String>> members = new LinkedHashMap<>();
        for (Task t : plan.tasks().tasks()) {
            if (t.pool() != null) {
                members.computeIfAbsent(t.pool(), k -> new ArrayList<>()).add(t.id());
            }
        }
        List<String> parts = new ArrayList<>();
        members.forEach((pool, ids) -> {
            String shown = String.join(", ", ids.subList(0, Math.min(NAMED, ids.size())))
                    + (ids.size() > NAMED ? ", … " + (ids.size() - NAMED) + " more" : "");
            parts.add(pool + " " + plan.config().pools().get(pool) + " at once (" + shown + ")");
        });
        return String.join("; ", parts);
    }
}
