package dev.fanout.script;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fanout.FanoutException;
import dev.fanout.Json;
import dev.fanout.LocatedException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.script.ScriptContext;
import javax.script.ScriptEngine;
import javax.script.ScriptException;
import org.openjdk.nashorn.api.scripting.NashornException;
import org.openjdk.nashorn.api.scripting.NashornScriptEngineFactory;
import org.openjdk.nashorn.api.scripting.ScriptObjectMirror;
import org.openjdk.nashorn.internal.runtime.ParserException;

/**
 * The Nashorn engine and everything that touches its types. Only the engine's thread uses it;
 * nothing else in fanout refers to Nashorn, so the library is not loaded until a script runs.
 */
final class NashornEngine {
    static final String PRELUDE = "<fanout prelude>";
    private static final String TASK_SCRIPT = "<task script ";
    private static final int TASK_FUNCTIONS_KEPT = 256;

    private final ScriptEngine engine;
    private final ScriptObjectMirror helpers;
    private final StopCheckInserter inserter = new StopCheckInserter();
    /** The latest instrumented text under each file name, to map error columns back. */
    private final Map<String, StopCheckInserter.Instrumented> sources = new ConcurrentHashMap<>();
    /** Registered functions by "merge:NAME" / "pipeline:NAME"; read by the thread that undoes a lost job too. */
    private final Map<String, Object> functions = new ConcurrentHashMap<>();

    private int taskScripts;
    private final Map<String, Object> taskFunctions = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Object> eldest) {
            return size() > TASK_FUNCTIONS_KEPT;
        }
    };

    NashornEngine(ScriptOptions options, ScriptFacade facade) {
        List<String> args = new ArrayList<>(List.of("--language=es6"));
        if (!options.allowJava()) {
            args.add("--no-java");
        }
        boolean allowJava = options.allowJava();
        // with any class filter Nashorn also refuses reflection, even when Java is allowed
        engine = new NashornScriptEngineFactory()
                .getScriptEngine(
                        args.toArray(String[]::new), NashornEngine.class.getClassLoader(), className -> allowJava);
        ScriptContext context = engine.getContext();
        try {
            context.setAttribute(ScriptEngine.FILENAME, PRELUDE, ScriptContext.ENGINE_SCOPE);
            ScriptObjectMirror setup = (ScriptObjectMirror) engine.eval(prelude());
            helpers = (ScriptObjectMirror) setup.call(null, facade, allowJava, StopCheckInserter.CHECK);
        } catch (ScriptException e) {
            throw new IllegalStateException("the fanout prelude does not evaluate: " + e.getMessage(), e);
        } finally {
            context.removeAttribute(ScriptEngine.FILENAME, ScriptContext.ENGINE_SCOPE);
        }
    }

    private static String prelude() {
        try (InputStream in = NashornEngine.class.getResourceAsStream("prelude.js")) {
            if (in == null) {
                throw new IllegalStateException("prelude.js is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Evaluates a program at the top level.
     *
     * @return its value as JSON; a missing node for {@code undefined}
     */
    JsonNode evaluate(String file, String source) {
        StopCheckInserter.Instrumented code = instrument(file, "", source, "", true);
        return toJson(helpers.callMember("evaluate", file, code.text()));
    }

    /**
     * The function a task's {@code script} names: inline source, or a file's value. Kept for
     * reuse, since compiling costs tens of milliseconds: inline source is compiled once under a
     * shared name ({@code <task script N>}) and errors show the failing task's own name instead.
     */
    Object taskFunction(String origin, String source, boolean isFile) {
        String key = isFile ? origin + '\n' + source : source;
        Object fn = taskFunctions.get(key);
        if (fn == null) {
            if (isFile) {
                fn = helpers.callMember(
                        "functionOf",
                        origin,
                        instrument(origin, "", source, "", true).text());
            } else {
                String file = TASK_SCRIPT + (++taskScripts) + ">";
                fn = helpers.callMember(
                        "evaluate",
                        file,
                        instrument(file, "(", source, "\n)", false).text());
                if (!(fn instanceof ScriptObjectMirror m && m.isFunction())) {
                    throw new FanoutException(
                            FanoutException.BAD_INPUT,
                            origin
                                    + ": a task's script must be a function, e.g. function (task) { return {...}; } or task => ({...})");
                }
            }
            taskFunctions.put(key, fn);
        }
        return fn;
    }

    /**
     * Calls a function with arguments given as a JSON array.
     *
     * @return its return value as JSON; a missing node for {@code undefined}
     */
    JsonNode call(Object fn, String argsJson) {
        return Json.parseOrMissing((String) helpers.callMember("call", fn, argsJson));
    }

    void define(String key, Object fn) {
        functions.put(key, fn);
    }

    /** Puts back what a key had (null: nothing). */
    void restore(String key, Object previous) {
        if (previous == null) {
            functions.remove(key);
        } else {
            functions.put(key, previous);
        }
    }

    Object function(String key) {
        return functions.get(key);
    }

    private JsonNode toJson(Object value) {
        return Json.parseOrMissing((String) helpers.callMember("toJson", value));
    }

    private StopCheckInserter.Instrumented instrument(
            String file, String prefix, String source, String suffix, boolean topLevel) {
        StopCheckInserter.Instrumented code;
        try {
            code = inserter.instrument(file, prefix, source, suffix, topLevel);
        } catch (ParserException e) {
            throw syntaxError(e, prefix.length(), null);
        }
        sources.put(file, code);
        return code;
    }

    private static LocatedException syntaxError(ParserException e, int prefixLength, Job<?> job) {
        String first = e.getMessage().lines().findFirst().orElse("");
        // "file.js:3:7 Expected ..." -> "Expected ..."
        String prefix = e.getFileName() + ":" + e.getLineNumber() + ":" + e.getColumnNumber() + " ";
        String what = first.startsWith(prefix) ? first.substring(prefix.length()) : first;
        int column = e.getColumnNumber() - (e.getLineNumber() == 1 ? prefixLength : 0);
        return LocatedException.script(
                FanoutException.BAD_INPUT,
                displayName(e.getFileName(), job),
                e.getLineNumber(),
                Math.max(0, column) + 1,
                "SyntaxError: " + what,
                e);
    }

    /** What a failed job reports: where in which script, and what JavaScript said, in one line. */
    FanoutException translate(Throwable failure, Job<?> job) {
        if (failure instanceof LocatedException js && js.kind() == LocatedException.Kind.SCRIPT) {
            if (js.file().startsWith(TASK_SCRIPT)) {
                return LocatedException.script(
                        js.exitCode(), job.origin, js.line(), js.column(), js.problem(), js.getCause());
            }
            return js;
        }
        if (failure instanceof ParserException pe) {
            return syntaxError(pe, 0, job);
        }
        String file = null;
        int line = 0;
        int column = -1;
        if (failure instanceof NashornException ne && ne.getFileName() != null && !PRELUDE.equals(ne.getFileName())) {
            file = ne.getFileName();
            line = ne.getLineNumber();
            column = ne.getColumnNumber();
        }
        if (file == null) {
            for (StackTraceElement frame : NashornException.getScriptFrames(failure)) {
                if (frame.getFileName() != null && !PRELUDE.equals(frame.getFileName())) {
                    file = frame.getFileName();
                    line = frame.getLineNumber();
                    break;
                }
            }
        }
        if (file == null) {
            if (failure instanceof FanoutException fe) {
                return fe;
            }
            file = job.origin;
        }
        StopCheckInserter.Instrumented code = sources.get(file);
        if (column >= 0 && code != null && line > 0) {
            column = code.originalColumn(line, column);
        }
        return LocatedException.script(
                FanoutException.FAILED,
                displayName(file, job),
                Math.max(line, 0),
                column + 1,
                message(failure),
                failure);
    }

    /** The name a message shows: a shared task script takes the failing task's name. */
    private static String displayName(String file, Job<?> job) {
        return job != null && file != null && file.startsWith(TASK_SCRIPT) ? job.origin : file;
    }

    private String message(Throwable failure) {
        String text;
        if (failure instanceof NashornException ne) {
            Object thrown = ne.getEcmaError();
            if (thrown instanceof ScriptObjectMirror m && !"Error".equals(m.getClassName())) {
                text = "uncaught exception: " + describe(thrown);
            } else if (thrown instanceof ScriptObjectMirror || thrown == null) {
                text = ne.getMessage();
            } else {
                text = "uncaught exception: " + describe(thrown);
            }
        } else if (failure instanceof FanoutException) {
            text = failure.getMessage();
        } else {
            text = failure.toString();
        }
        return text == null
                ? failure.getClass().getSimpleName()
                : text.replace('\n', ' ').strip();
    }

    private String describe(Object value) {
        if (value instanceof CharSequence s) {
            return s.toString();
        }
        try {
            String json = (String) helpers.callMember("toJson", value);
            return json != null ? json : String.valueOf(value);
        } catch (RuntimeException e) {
            return String.valueOf(value);
        }
    }
}
