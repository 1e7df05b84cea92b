package dev.fanout.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fanout.FanoutException;
import dev.fanout.Hint;
import dev.fanout.Json;
import dev.fanout.cache.CacheEntry;
import dev.fanout.cache.CachePreview;
import dev.fanout.cache.CacheStore;
import dev.fanout.session.RunPlan;
import dev.fanout.session.RunRequest;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code fanout cache list|show|clean|why}: the result cache's entries, and why a task missed. */
@Command(name = "cache", description = "The result cache: list, show and clean entries; why a task missed.")
public final class CacheCommand extends GroupCommand {
    private static final DateTimeFormatter WHEN =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

    public CacheCommand(CliContext ctx) {
        super(ctx);
    }

    private static FanoutException unreadable(CacheStore store, IOException e) {
        return new FanoutException(
                FanoutException.FAILED, "cannot read the cache in " + store.root() + ": " + e.getMessage());
    }

    /** {@code cache list}. */
    @Command(name = "list", description = "List the cache's entries, most recently used first.")
    public static final class ListEntries implements Callable<Integer> {
        private final CliContext ctx;

        @Option(names = "--json", description = "print JSON")
        boolean json;

        public ListEntries(CliContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public Integer call() {
            CacheStore store = ctx.session().cacheStore();
            List<CacheStore.Listed> entries;
            try {
                entries = store.list();
            } catch (IOException e) {
                throw unreadable(store, e);
            }
            if (json) {
                ArrayNode a = Json.mapper().createArrayNode();
                for (CacheStore.Listed l : entries) {
                    ObjectNode o = a.addObject();
                    o.put("key", l.key());
                    o.put("task_id", l.entry() == null ? null : l.entry().taskId());
                    o.put("run_id", l.entry() == null ? null : l.entry().runId());
                    o.put("seconds", l.entry() == null ? 0 : l.entry().seconds());
                    o.put("bytes", l.bytes());
                    o.put("last_used", l.lastUsed().toString());
                    o.put("problem", l.problem());
                }
                ctx.out().println(Json.pretty(a));
                return 0;
            }
            if (entries.isEmpty()) {
                ctx.out().println("the cache in " + store.root() + " is empty");
                return 0;
            }
            TextTable t = new TextTable("key", "task", "from run", "saves", "size", "last used");
            long total = 0;
            for (CacheStore.Listed l : entries) {
                total += l.bytes();
                CacheEntry e = l.entry();
                t.row(
                        l.key().substring(0, 12),
                        e == null ? "(damaged: " + l.problem() + ")" : e.taskId(),
                        e == null ? "" : e.runId(),
                        e == null ? "" : TimeFormat.seconds(e.seconds()),
                        bytes(l.bytes()),
                        WHEN.format(l.lastUsed()));
            }
            t.print(ctx.out(), ctx.style());
            ctx.out()
                    .println(ctx.style()
                            .dim(Plural.of(entries.size(), "entry").replace("entrys", "entries") + ", " + bytes(total)
                                    + " in " + store.root()));
            return 0;
        }
    }

    /** {@code cache show KEY}. */
    @Command(name = "show", description = "Show one entry: where it came from and every file it restores.")
    public static final class Show implements Callable<Integer> {
        private final CliContext ctx;

        @Parameters(
                paramLabel = "KEY",
                completionCandidates = Candidates.CacheKeys.class,
                description = "the key, or its first digits (at least 4)")
        String key;

        @Option(names = "--json", description = "print the entry's JSON")
        boolean json;

        public Show(CliContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public Integer call() {
            CacheStore store = ctx.session().cacheStore();
            CacheEntry e;
            try {
                String full = store.resolveKey(key);
                e = store.entry(full);
                if (e == null) {
                    throw FanoutException.badInput("no cache entry has key " + key + " (it was just removed)");
                }
            } catch (IllegalArgumentException x) {
                throw FanoutException.badInput(x.getMessage());
            } catch (IOException x) {
                throw new FanoutException(
                        FanoutException.FAILED, "cache entry " + key + " is damaged: " + x.getMessage());
            }
            if (json) {
                ctx.out().println(Json.pretty(Json.mapper().valueToTree(e)));
                return 0;
            }
            var out = ctx.out();
            out.println("key       " + e.key());
            out.println("task      " + e.taskId());
            out.println("from run  " + e.runId() + ", stored " + WHEN.format(e.createdAt()));
            out.println("saves     " + TimeFormat.seconds(e.seconds()) + " a hit");
            TextTable t = new TextTable("file", "size", "mode", "sha256");
            e.logs()
                    .values()
                    .forEach(f -> t.row(
                            "(" + f.path() + ")",
                            bytes(f.size()),
                            "",
                            f.sha256().substring(0, 16)));
            e.outputs()
                    .forEach(f -> t.row(
                            f.path(),
                            bytes(f.size()),
                            f.mode() == null ? "" : f.mode(),
                            f.sha256().substring(0, 16)));
            t.print(out, ctx.style());
            return 0;
        }
    }

    /** {@code cache clean}. */
    @Command(
            name = "clean",
            description = {
                "Remove cache entries: those unused for a while, the least recently used beyond a size,",
                "or, with neither option, all of them. Damaged entries are always removed."
            })
    public static final class Clean implements Callable<Integer> {
        private final CliContext ctx;

        @Option(names = "--older-than", paramLabel = "AGE", description = "entries unused this long: 30d, 12h, 90m")
        String olderThan;

        @Option(names = "--max-size", paramLabel = "SIZE", description = "keep at most this much: 5G, 500M, 20K")
        String maxSize;

        public Clean(CliContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public Integer call() {
            Instant before = olderThan == null ? null : Instant.now().minusSeconds(age(olderThan));
            Long max = maxSize == null ? null : size(maxSize);
            CacheStore store = ctx.session().cacheStore();
            CacheStore.Cleaned c;
            try {
                c = store.clean(before, max);
            } catch (IOException e) {
                throw new FanoutException(
                        FanoutException.FAILED, "cannot clean the cache in " + store.root() + ": " + e.getMessage());
            }
            ctx.out()
                    .println("removed " + entries(c.removed()) + " (" + bytes(c.freedBytes()) + "); kept "
                            + entries(c.kept()) + " (" + bytes(c.keptBytes()) + ")");
            return 0;
        }
    }

    /** {@code cache why ID [FILE]}. */
    @Command(name = "why", description = "Say whether a task would come from the cache, and if not, what changed.")
    public static final class Why implements Callable<Integer> {
        private final CliContext ctx;

        @Parameters(index = "0", paramLabel = "ID", completionCandidates = Candidates.TaskIds.class)
        String id;

        @Parameters(
                index = "1",
                arity = "0..1",
                paramLabel = "FILE",
                description = "tasks file; default: the session's")
        Path file;

        public Why(CliContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public Integer call() {
            RunPlan plan = ctx.session().plan(ctx.session().tasksOrFile(file), RunRequest.defaults());
            explain(ctx, plan, id);
            return 0;
        }
    }

    /** Prints why a task would or would not come from the cache; shared with {@code run --explain}. */
    static void explain(CliContext ctx, RunPlan plan, String id) {
        if (!plan.tasks().ids().contains(id)) {
            throw FanoutException.badInput("no task '" + id + "'"
                    + dev.fanout.Names.closest(id, plan.tasks().ids())
                            .map(c -> " (did you mean '" + c + "'?)")
                            .orElse(ctx.say(Hint.command("tasks").before("; ").after(" lists them"))));
        }
        Map<String, CachePreview.Preview> previews = ctx.session().cachePreview(plan);
        CachePreview.Preview p = previews.get(id);
        var out = ctx.out();
        switch (p.outcome()) {
            case HIT ->
                out.println(
                        id + ": from the cache (" + p.why() + ", key " + p.key().substring(0, 12) + ")");
            case MISS -> {
                if (p.changes().isEmpty()) {
                    out.println(id + ": runs (" + p.why() + ")");
                } else {
                    out.println(id + ": runs; since its last entry (run " + p.entryRun() + "):");
                    p.changes().forEach(c -> out.println("  " + c));
                }
            }
            case OFF -> out.println(id + ": not cached (" + p.why() + ")");
        }
    }

    static String entries(int n) {
        return n + (n == 1 ? " entry" : " entries");
    }

    private static final Pattern AGE = Pattern.compile("(\\d+)\\s*([smhdw])");
    private static final Pattern SIZE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([kmgt]?)i?b?");

    /** Seconds in an age such as 30d, 12h, 90m, 45s, 2w. */
    static long age(String text) {
        Matcher m = AGE.matcher(text.strip().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw FanoutException.badInput("--older-than takes an age such as 30d, 12h, 90m or 2w, not '" + text + "'");
        }
        long n = Long.parseLong(m.group(1));
        long unit = switch (m.group(2)) {
            case "s" -> 1;
            case "m" -> 60;
            case "h" -> 3600;
            case "d" -> 86_400;
            default -> 7 * 86_400;
        };
        return n * unit;
    }

    /** Bytes in a size such as 5G, 500M, 20K or 1024 (powers of 1024). */
    static long size(String text) {
        Matcher m = SIZE.matcher(text.strip().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw FanoutException.badInput("--max-size takes a size such as 5G, 500M, 20K or 1024, not '" + text + "'");
        }
        int power = "kmgt".indexOf(m.group(2).isEmpty() ? "-" : m.group(2)) + 1;
        return (long) (Double.parseDouble(m.group(1)) * Math.pow(1024, power));
    }

    static String bytes(long n) {
        if (n < 1024) {
            return n + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double v = n;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, v < 10 ? "%.1f %s" : "%.0f %s", v, units[u]);
    }
}
