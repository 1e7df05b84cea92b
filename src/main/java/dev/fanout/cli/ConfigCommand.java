package dev.fanout.cli;

import dev.fanout.Json;
import dev.fanout.config.Config;
import dev.fanout.config.ConfigKey;
import dev.fanout.config.ConfigKeys;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code fanout config show}: every key, its value and where the value came from. */
@Command(name = "config", description = "Show the configuration.")
public final class ConfigCommand extends GroupCommand {
    public ConfigCommand(CliContext ctx) {
        super(ctx);
    }

    /** {@code config show [FILE]}. */
    @Command(name = "show", description = "Show every config key, its value and where it came from.")
    public static final class Show implements Callable<Integer> {
        private final CliContext ctx;

        @Parameters(arity = "0..1", paramLabel = "FILE", description = "include this tasks file's config")
        Path file;

        @Option(names = "--json", description = "print the values as JSON")
        boolean json;

        @Mixin
        ConfigOptions options;

        public Show(CliContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public Integer call() {
            Config config = file == null
                    ? ctx.session().config().withText("command-line flag", options.flags(java.util.Map.of()))
                    : ctx.session().configFor(ctx.session().read(file), options.flags(java.util.Map.of()));
            if (json) {
                ctx.out().println(Json.pretty(Json.mapper().valueToTree(config.values())));
                return 0;
            }
            ctx.out().println(ctx.style().bold(String.format("%-29s %-22s %s", "key", "value", "from")));
            for (ConfigKey key : ConfigKeys.all()) {
                ctx.out().printf("%-29s %-22s %s%n", key.name(), show(config.get(key)), config.origin(key));
            }
            ctx.out().println(ctx.style().dim("home: " + ctx.session().home().root()));
            return 0;
        }

        private static String show(Object value) {
            if (value instanceof Double d) {
                return ConfigKeys.formatNumber(d);
            }
            if (value instanceof List<?> list) {
                return list.isEmpty() ? "[]" : Json.mapper().valueToTree(list).toString();
            }
            return String.valueOf(value);
        }
    }
}
