package dev.fanout.cluster;

import dev.fanout.FanoutException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** A worker's labels ({@code gpu=1,os=linux}) and whether they satisfy a task's {@code requires}. */
public record Labels(Map<String, String> values) {
    public static final Labels NONE = new Labels(Map.of());

    public Labels {
        values = Map.copyOf(values);
    }

    /**
     * Parses {@code k=v,k=v}; blank is no labels.
     *
     * @throws FanoutException (bad input) for an entry without '=' or with an empty key
     */
    public static Labels parse(String text) {
        Map<String, String> m = new LinkedHashMap<>();
        if (text != null && !text.isBlank()) {
            for (String part : text.split(",")) {
                int eq = part.indexOf('=');
                if (eq <= 0) {
                    throw FanoutException.badInput(
                            "label '" + part.trim() + "' is not KEY=VALUE; write --labels gpu=1,os=linux");
                }
                m.put(part.substring(0, eq).trim(), part.substring(eq + 1).trim());
            }
        }
        return new Labels(m);
    }

    /** True when every required key has the required value here. */
    public boolean satisfy(Map<String, String> requires) {
        return requires.entrySet().stream().allMatch(e -> e.getValue().equals(values.get(e.getKey())));
    }

    @Override
    public String toString() {
        return values.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(","));
    }
}
