package dev.fanout.script;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SegmentedStringWriter;
import com.fasterxml.jackson.core.util.BufferRecycler;
import com.fasterxml.jackson.databind.JsonNode;
import dev.fanout.AtomicFile;
import dev.fanout.FanoutException;
import dev.fanout.Json;
import dev.fanout.LocatedException;
import dev.fanout.Names;
import dev.fanout.merge.MergeException;
import dev.fanout.merge.TaskOutput;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * The JavaScript side of a session: evaluates expressions, files, task scripts, merges and
 * pipelines on one Nashorn engine that lives on its own thread. The engine is made when the
 * first script needs it (about half a second); until then nothing of Nashorn is loaded.
 *
 * <p>Scripts see one object, {@code fanout}, which reaches the session through a
 * {@link ScriptHost}. What scripts register is in {@link #registry()}; the sources that
 * registered it are in {@link #definitions()}, to be saved and brought back with
 * {@link #restore}. A script that will not stop can be stopped with {@link #cancel()} or by
 * the time limit, and the bridge stays usable.
 */
public final class ScriptBridge implements AutoCloseable {
    /** The origin of an expression given on the command line or at the prompt. */
    public static final String EXPRESSION = "<expression>";

    /** What a script registers: a merge strategy or a pipeline. */
    enum Definition {
        MERGE("merge"),
        PIPELINE("pipeline");

        private final String word;

        Definition(String word) {
            this.word = word;
        }

        /** How messages and the engine's keys name it. */
        @Override
        public String toString() {
            return word;
        }
    }

    private final ScriptHost host;
    private final ScriptOptions options;
    private final Path baseDir;
    private final ScriptRegistry registry = new ScriptRegistry(entry -> new ScriptMergeStrategy(this, entry));
    /** Definitions with the registrations each still provides; guarded by itself. */
    private final List<Kept> definitions = new ArrayList<>();

    private final EngineSupervisor supervisor;

    /**
     * @param baseDir where relative paths in scripts ({@code fanout.write}) resolve
     */
    public ScriptBridge(ScriptHost host, ScriptOptions options, Path baseDir) {
        this.host = host;
        this.options = options;
        this.baseDir = baseDir;
        this.supervisor = new EngineSupervisor(options, this::createEngine, this::replayJob);
    }

    /** The merges and pipelines scripts have registered. */
    public ScriptRegistry registry() {
        return registry;
    }

    /** Whether the engine has been made (a script has run). */
    public boolean engineStarted() {
        return supervisor.engineStarted();
    }

    /**
     * Evaluates an expression or program ({@value #EXPRESSION}) and waits for it.
     *
     * @return its value and log lines
     * @throws LocatedException on a syntax error (exit 2) or an uncaught error (exit 1)
     * @throws ScriptStoppedException when stopped by {@link #cancel()}, an interrupt or the time limit
     */
    public ScriptResult evaluate(String source) {
        return evaluate(EXPRESSION, source);
    }

    /** As {@link #evaluate(String)}, naming the source {@code origin} in messages. */
    public ScriptResult evaluate(String origin, String source) {
        Job<ScriptResult> job = new Job<>(
                Job.Kind.EVALUATE,
                origin,
                (engine, j) -> new ScriptResult(engine.evaluate(origin, source), j.logLines()));
        job.onSuccess(() -> keep(job, new ScriptDefinition(origin, source)));
        return supervisor.await(job);
    }

    /**
     * Evaluates a {@code .js} file.
     *
     * @throws FanoutException (bad input) when the file cannot be read; see also {@link #evaluate(String)}
     */
    public ScriptResult evaluateFile(Path file) {
        return evaluate(file.toString(), read(file, "script file"));
    }

    /**
     * Runs a task's {@code script}: inline function source ({@code function (task) {...}},
     * {@code task => ...}) or the path of a {@code .js} file whose value (or
     * {@code module.exports}) is a function. The function gets the task object and returns the
     * task's result. Jobs are serialised onto the engine's thread.
     *
     * @param baseDir where a relative script path resolves (the tasks file's folder)
     * @return the result and log lines; cancelling the future stops the script. It fails with
     *     {@link LocatedException}, {@link ScriptStoppedException}, or a bad-input
     *     {@link FanoutException} when the file is missing or the script is not a function
     */
    public CompletableFuture<ScriptResult> runTask(String script, JsonNode task, Path baseDir) {
        return runTask(script, task, baseDir, () -> {});
    }

    /**
     * Runs a task's script, as {@link #runTask(String, JsonNode, Path)}; {@code onStart} is called on
     * the engine's thread when the script begins, so the time before is known as time queued.
     */
    public CompletableFuture<ScriptResult> runTask(String script, JsonNode task, Path baseDir, Runnable onStart) {
        String id = task.path("id").asText("?");
        boolean isFile = isScriptFile(script);
        String origin = isFile ? script.strip() : "<script of task " + id + ">";
        String source;
        try {
            source = isFile ? read(baseDir.resolve(script.strip()), "task " + id + ": script file") : script;
        } catch (FanoutException e) {
            return CompletableFuture.failedFuture(e);
        }
        String args = "[" + Json.writeOrNull(task) + "]";
        return supervisor.submit(new Job<>(Job.Kind.TASK, origin, (engine, j) -> {
            onStart.run();
            return new ScriptResult(engine.call(engine.taskFunction(origin, source, isFile), args), j.logLines());
        }));
    }

    /**
     * Runs a registered pipeline with an options object (null: {@code {}}) and waits for it.
     *
     * @throws FanoutException (bad input) when no pipeline has that name, with the closest name
     */
    public ScriptResult runPipeline(String name, JsonNode options) {
        if (registry.pipeline(name).isEmpty()) {
            throw unknown("pipeline", name, registry.pipelines());
        }
        String args = "[" + (options == null ? "{}" : Json.writeOrNull(options)) + "]";
        return supervisor.await(new Job<>(
                Job.Kind.PIPELINE,
                "pipeline '" + name + "'",
                (engine, j) -> new ScriptResult(
                        engine.call(function(engine, Definition.PIPELINE, name), args), j.logLines())));
    }

    /**
     * The sources that registered the current merges and pipelines, oldest first, each with its
     * origin. A source whose registrations were all made again by a later one is dropped.
     */
    public List<ScriptDefinition> definitions() {
        synchronized (definitions) {
            return definitions.stream().map(Kept::definition).toList();
        }
    }

    /**
     * Evaluates saved definitions, in order, as a session restore does. Calls that would run
     * tasks, add tasks or write files are skipped while they are evaluated. Use a fresh bridge,
     * and drop it if this throws.
     *
     * @throws LocatedException naming the definition's origin, line and column when one fails
     */
    public void restore(List<ScriptDefinition> saved) {
        for (ScriptDefinition d : saved) {
            Job<ScriptResult> job = new Job<>(
                    Job.Kind.RESTORE,
                    d.origin(),
                    (engine, j) -> new ScriptResult(engine.evaluate(d.origin(), d.source()), j.logLines()));
            job.onSuccess(() -> keep(job, d));
            supervisor.await(job);
        }
    }

    /** Stops whatever scripts are running or waiting (Ctrl-C); the bridge stays usable. Any thread. */
    public void cancel() {
        supervisor.cancel();
    }

    /** Stops everything and ends the engine's threads. */
    @Override
    public void close() {
        supervisor.close();
    }

    // --- called from the engine's thread by ScriptFacade and ScriptMergeStrategy

    void register(Job<?> job, NashornEngine engine, Definition kind, String name, Object fn, String description) {
        if (job == null || !job.kind.registers) {
            throw FanoutException.badInput(kind + "s can only be registered by a script evaluated at the top level"
                    + " (an expression or a .js file), not inside a task, merge or pipeline");
        }
        if (!Names.isTaskId(name)) {
            throw FanoutException.badInput(
                    "'" + name + "' cannot name a " + kind + ": use letters, digits, '.', '_' and '-'");
        }
        String key = kind + ":" + name;
        if (job.kind != Job.Kind.REPLAY) {
            ScriptRegistry.Entry entry = new ScriptRegistry.Entry(name, description, job.origin);
            if (kind == Definition.MERGE) {
                ScriptRegistry.Entry previous = registry.mergeEntry(name).orElse(null);
                registry.putMerge(entry);
                job.addUndo(() -> registry.restoreMerge(name, previous));
            } else {
                ScriptRegistry.Entry previous = registry.pipeline(name).orElse(null);
                registry.putPipeline(entry);
                job.addUndo(() -> registry.restorePipeline(name, previous));
            }
            Object previousFn = engine.function(key);
            job.addUndo(() -> engine.restore(key, previousFn));
            job.registered.add(key);
        }
        engine.define(key, fn);
    }

    void write(String file, String text) {
        Path path = baseDir.resolve(file);
        try {
            AtomicFile.write(path, text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new FanoutException(FanoutException.FAILED, "cannot write " + path + ": " + e.getMessage());
        }
    }

    JsonNode mergeWithScript(ScriptRegistry.Entry entry, List<TaskOutput> outputs) {
        String name = entry.name();
        String what = "merge strategy '" + name + "' (" + entry.origin() + ")";
        String args = outputsJson(outputs);
        JsonNode merged;
        try {
            merged = supervisor.await(new Job<>(
                    Job.Kind.MERGE,
                    "merge strategy '" + name + "'",
                    (engine, j) -> engine.call(function(engine, Definition.MERGE, name), args)));
        } catch (FanoutException e) {
            throw new MergeException(what + " failed: " + e.getMessage(), e);
        }
        if (merged.isMissingNode()) {
            throw new MergeException(what + " returned nothing (undefined); its function must return the merged value");
        }
        return merged;
    }

    // --- internals

    private Object function(NashornEngine engine, Definition kind, String name) {
        Object fn = engine.function(kind + ":" + name);
        if (fn == null) {
            throw new FanoutException(
                    FanoutException.FAILED,
                    kind + " '" + name + "' has no function in this engine:"
                            + " its definition failed when the engine was restarted; evaluate it again");
        }
        return fn;
    }

    private void keep(Job<?> job, ScriptDefinition definition) {
        if (job.registered.isEmpty()) {
            return;
        }
        synchronized (definitions) {
            definitions.forEach(k -> k.live().removeAll(job.registered));
            definitions.removeIf(k -> k.live().isEmpty());
            definitions.add(new Kept(definition, new HashSet<>(job.registered)));
        }
    }

    private NashornEngine createEngine(EngineLoop loop) {
        ScriptFacade facade = new ScriptFacade(this, loop, host);
        NashornEngine created = new NashornEngine(options, facade);
        facade.attach(created);
        return created;
    }

    /** Evaluates the definitions again into a restarted engine, so registered functions work again. */
    private Job<?> replayJob() {
        List<ScriptDefinition> saved = definitions();
        return new Job<>(Job.Kind.REPLAY, "definitions", (engine, job) -> {
            for (ScriptDefinition d : saved) {
                try {
                    engine.evaluate(d.origin(), d.source());
                } catch (RuntimeException e) {
                    host.log("could not evaluate " + d.origin() + " again after the engine restarted: "
                            + engine.translate(e, job).getMessage());
                }
            }
            return new ScriptResult(null, job.logLines());
        });
    }

    private static String outputsJson(List<TaskOutput> outputs) {
        SegmentedStringWriter text = new SegmentedStringWriter(new BufferRecycler());
        try (JsonGenerator g = Json.mapper().getFactory().createGenerator(text)) {
            g.writeStartArray();
            g.writeStartArray();
            for (TaskOutput o : outputs) {
                g.writeStartObject();
                g.writeStringField("task_id", o.taskId());
                g.writeStringField("type", o.type());
                g.writeStringField("status", o.status());
                if (o.repeatOf() != null) {
                    g.writeStringField("repeat_of", o.repeatOf());
                }
                if (o.seconds() >= 0) {
                    g.writeNumberField("seconds", o.seconds());
                }
                if (o.hasResult()) {
                    g.writeFieldName("result");
                    g.writeTree(o.result());
                }
                TaskChanges.write(o, g);
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndArray();
            g.flush();
            return text.getAndClear();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean isScriptFile(String script) {
        return dev.fanout.task.Task.isScriptFile(script);
    }

    private static String read(Path file, String what) {
        if (!Files.isRegularFile(file)) {
            throw FanoutException.badInput(what + " " + file + " not found");
        }
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw FanoutException.badInput("cannot read " + what + " " + file + ": " + e.getMessage());
        }
    }

    private static FanoutException unknown(String kind, String name, List<ScriptRegistry.Entry> known) {
        List<String> names = known.stream().map(ScriptRegistry.Entry::name).toList();
        String hint = Names.closest(name, names)
                .map(c -> " (did you mean '" + c + "'?)")
                .orElse(
                        names.isEmpty()
                                ? "; register one with fanout.register" + Character.toUpperCase(kind.charAt(0))
                                        + kind.substring(1)
                                : "; known: " + String.join(", ", names));
        return FanoutException.badInput("no " + kind + " named '" + name + "'" + hint);
    }

    /** A definition and the registrations ("merge:NAME") no later definition has replaced. */
    private record Kept(ScriptDefinition definition, Set<String> live) {}
}
