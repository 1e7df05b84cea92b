package dev.fanout.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** Mixin: {@code -c KEY=VALUE} settings that win over every config file. */
public final class ConfigOptions {
    @Option(
            names = {"-c", "--set"},
            paramLabel = "KEY=VALUE",
            description = "a config setting for this command, e.g. -c max_parallel_tasks=4 (repeatable)")
    Map<String, String> settings = new LinkedHashMap<>();

    /** The settings as flag overrides, with {@code extra} (a command's own flags) applied last. */
    public Map<String, String> flags(Map<String, String> extra) {
        Map<String, String> all = new LinkedHashMap<>(settings);
        all.putAll(extra);
        return all;
    }
}
