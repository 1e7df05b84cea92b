package dev.fanout.script;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fanout.LocatedException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Scripts see the fanout object and nothing that reaches the host, unless allow_java is on. */
class SandboxTest {
    @RegisterExtension
    static final SharedBridge js = new SharedBridge();

    @Test
    void javaTypeIsRefusedWithAClearMessage() {
        LocatedException e = assertThrows(LocatedException.class, () -> js.eval("Java.type('java.lang.Runtime')"));
        assertEquals(
                "<expression>:1: Error: scripts cannot use Java classes (java.lang.Runtime);"
                        + " set allow_java: true in the config to allow it",
                e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "java.lang.Runtime.getRuntime().exec('touch pwned')",
                "Packages.java.lang.System.exit(3)",
                "java.io.File",
                "new java.lang.ProcessBuilder('true')",
                "javax.script.ScriptEngineManager",
            })
    void javaPackagesAreRefusedWithTheClassName(String expression) {
        LocatedException e = assertThrows(LocatedException.class, () -> js.eval(expression));
        assertTrue(
                e.getMessage().contains("scripts cannot use Java classes (java")
                        || e.getMessage().contains("(javax."),
                e.getMessage());
        assertTrue(e.getMessage().endsWith("set allow_java: true in the config to allow it"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"JavaImporter(java.io)", "Java.extend(Object)", "Java.from([])"})
    void theRestOfTheJavaApiIsRefused(String expression) {
        LocatedException e = assertThrows(LocatedException.class, () -> js.eval(expression));
        assertTrue(e.getMessage().contains("scripts cannot use Java"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"exit", "quit", "load", "loadWithNewGlobal", "engine", "context", "__noSuchProperty__"})
    void globalsThatReachTheHostAreGone(String name) {
        assertEquals("undefined", js.eval("typeof " + name).asText());
    }

    @Test
    void loadOfAUrlOrFileIsNotPossible() throws Exception {
        Path other = Files.writeString(js.dir().resolve("other.js"), "var loaded = true;");
        LocatedException e = assertThrows(LocatedException.class, () -> js.eval("load('" + other.toUri() + "')"));
        assertTrue(e.getMessage().contains("ReferenceError: \"load\" is not defined"), e.getMessage());
        assertThrows(
                LocatedException.class,
                () -> js.eval("loadWithNewGlobal({script: 'Java.type(\"java.lang.Runtime\")', name: 'x'})"));
        assertThrows(LocatedException.class, () -> js.eval("exit(1)"));
        assertEquals("undefined", js.eval("typeof loaded").asText());
    }

    @Test
    void theFanoutObjectCannotBeReplacedOrReachedAround() {
        js.eval("fanout = 1; fanout.log = null; delete fanout.tasks");
        assertEquals("object", js.eval("typeof fanout").asText());
        assertEquals("function", js.eval("typeof fanout.log").asText());
        assertEquals("function", js.eval("typeof fanout.tasks").asText());
        // no Java behind it: the object is plain JavaScript over a hidden facade
        assertEquals("undefined", js.eval("typeof fanout.getClass").asText());
        assertEquals(
                "[\"addTask\",\"analyze\",\"graph\",\"load\",\"log\",\"merge\",\"pipelines\",\"registerMerge\","
                        + "\"registerPipeline\",\"results\",\"run\",\"strategies\",\"tasks\",\"vars\",\"write\"]",
                js.eval("Object.keys(fanout).sort()").toString());
    }

    @Test
    void aScriptCannotSwitchOffItsStopChecks() {
        js.eval("__fanout_check__ = function () {}; delete __fanout_check__");
        assertEquals("function", js.eval("typeof __fanout_check__").asText());
    }

    @Test
    void withAllowJavaScriptsMayUseJavaClasses(@TempDir Path other) {
        try (BridgeFixture withJava = new BridgeFixture(other, new ScriptOptions(true, 0))) {
            assertEquals(
                    "3", withJava.eval("Java.type('java.lang.Math').max(2, 3)").asText());
            assertEquals(
                    "ok",
                    withJava.eval("new java.lang.StringBuilder('ok').toString()")
                            .asText());
            // the host stays out of reach: no exit, no engine
            assertEquals(
                    "undefined undefined",
                    withJava.eval("typeof exit + ' ' + typeof engine").asText());
        }
    }
}
