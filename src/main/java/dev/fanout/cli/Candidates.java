package dev.fanout.cli;

import dev.fanout.session.JsonSnapshotStore;
import java.util.Iterator;
import java.util.List;
import java.util.function.Function;

/**
 * Completion candidates backed by the live session: picocli asks for them each time Tab is
 * pressed, and {@link CliFactory} builds them with the context.
 */
final class Candidates {
    private Candidates() {}

    /** Candidates computed from the context at the moment of completion. */
    abstract static class Live implements Iterable<String> {
        private final CliContext ctx;
        private final Function<CliContext, List<String>> source;

        Live(CliContext ctx, Function<CliContext, List<String>> source) {
            this.ctx = ctx;
            this.source = source;
        }

        @Override
        public Iterator<String> iterator() {
            try {
                return source.apply(ctx).iterator();
            } catch (RuntimeException e) {
                return List.<String>of().iterator(); // completion never fails a line
            }
        }
    }

    static final class TaskIds extends Live {
        TaskIds(CliContext ctx) {
            super(ctx, c -> c.session().tasks().ids());
        }
    }

    static final class RunIds extends Live {
        RunIds(CliContext ctx) {
            super(ctx, c -> {
                List<String> ids =
                        new java.util.ArrayList<>(c.session().runStore().ids());
                java.util.Collections.reverse(ids);
                return ids;
            });
        }
    }

    /** The result cache's keys, abbreviated as 'cache list' shows them. */
    static final class CacheKeys extends Live {
        CacheKeys(CliContext ctx) {
            super(ctx, c -> {
                try {
                    return c.session().cacheStore().keys().stream()
                            .map(k -> k.substring(0, 12))
                            .toList();
                } catch (java.io.IOException e) {
                    return List.of();
                }
            });
        }
    }

    static final class SessionNames extends Live {
        SessionNames(CliContext ctx) {
            super(ctx, c -> new JsonSnapshotStore(c.session().home().sessionsDir()).names());
        }
    }

    static final class AgentNames extends Live {
        AgentNames(CliContext ctx) {
            super(
                    ctx,
                    c -> c.session().resources(c.session().config()).catalog().agents().effective().stream()
                            .map(a -> a.name())
                            .toList());
        }
    }

    static final class SkillNames extends Live {
        SkillNames(CliContext ctx) {
            super(
                    ctx,
                    c -> c.session().resources(c.session().config()).catalog().skills().effective().stream()
                            .map(a -> a.name())
                            .toList());
        }
    }

    /** Temporary resources: what mark-used, mark-useful and promote act on. */
    static final class TemporaryNames extends Live {
        TemporaryNames(CliContext ctx) {
            super(
                    ctx,
                    c -> c.session().resources(c.session().config()).status().stream()
                            .map(s -> s.decision().name())
                            .distinct()
                            .toList());
        }
    }

    static final class StrategyNames extends Live {
        StrategyNames(CliContext ctx) {
            super(ctx, c -> c.session().strategies().names());
        }
    }

    static final class PipelineNames extends Live {
        PipelineNames(CliContext ctx) {
            super(
                    ctx,
                    c -> c.session().scriptBridge().registry().pipelines().stream()
                            .map(p -> p.name())
                            .toList());
        }
    }

    static final class ConfigKeyNames extends Live {
        ConfigKeyNames(CliContext ctx) {
            super(
                    ctx,
                    c -> java.util.stream.Stream.concat(
                                    dev.fanout.config.ConfigKeys.all().stream().map(dev.fanout.config.ConfigKey::name),
                                    c.shellSettings() == null
                                            ? java.util.stream.Stream.empty()
                                            : ShellSettings.KEYS.stream())
                            .toList());
        }
    }
}
