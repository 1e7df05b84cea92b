package dev.fanout.script;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fanout.FanoutException;
import dev.fanout.LocatedException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A script error names the file, line and column and says what JavaScript said, in one line. */
class ScriptErrorsTest {
    @RegisterExtension
    static final SharedBridge js = new SharedBridge();

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "var x = ;                        | <expression>:1:9: SyntaxError: Expected an operand but found ;",
                "1;\\n  foo(;                     | <expression>:2:7: SyntaxError: Expected an operand but found ;",
                "null.foo                         | <expression>:1: TypeError: Cannot get property \"foo\" of null",
                "nope()                           | <expression>:1: ReferenceError: \"nope\" is not defined",
                "1;\\n  throw new Error('boom')   | <expression>:2:3: Error: boom",
                "throw 'plain'                    | <expression>:1:1: uncaught exception: plain",
                "throw {code: 7}                  | <expression>:1:1: uncaught exception: {\"code\":7}",
                "fanout.results('r9')             | <expression>:1: Error: fanout.results: no run 'r9'",
                "fanout.addTask(5)                | <expression>:1: TypeError: fanout.addTask: give a task object, e.g. {id: \"lint\", command: \"npm run lint\"}",
                "fanout.registerMerge('m', 5)     | <expression>:1: TypeError: fanout.registerMerge: the second argument must be a function, e.g. fanout.registerMerge('m', function (outputs) { return {...}; })",
            })
    void errorsNameWhereAndWhat(String source, String expected) {
        LocatedException e = assertThrows(LocatedException.class, () -> js.eval(source.replace("\\n", "\n")));
        assertEquals(expected, e.getMessage());
        assertTrue(e.getMessage().indexOf('\n') < 0);
    }

    @Test
    void syntaxErrorsAreBadInputAndRuntimeErrorsFailures() {
        assertEquals(
                FanoutException.BAD_INPUT,
                assertThrows(LocatedException.class, () -> js.eval("{")).exitCode());
        assertEquals(
                FanoutException.FAILED,
                assertThrows(LocatedException.class, () -> js.eval("null.x")).exitCode());
    }

    @Test
    void columnsStayRightAfterStopChecksAreInserted() {
        // the body gets a check after '{' on the same line; the throw's column is the source's
        LocatedException e = assertThrows(
                LocatedException.class,
                () -> js.eval("for (var i = 0; i < 3; i++) { if (i == 2) throw new Error('at ' + i); }"));
        assertEquals("<expression>:1:43: Error: at 2", e.getMessage());
        assertEquals(43, e.column());
    }

    @Test
    void anErrorInAFileNamesTheFileAndLine(@TempDir Path files) throws Exception {
        Path file = Files.writeString(
                files.resolve("broken.js"),
                "// a helper\nfunction helper(o) {\n  return o.missing.deeper;\n}\nhelper({});\n");
        LocatedException e =
                assertThrows(LocatedException.class, () -> js.bridge().evaluateFile(file));
        assertEquals(file + ":3: TypeError: Cannot read property \"deeper\" from undefined", e.getMessage());
        assertEquals(file.toString(), e.file());
        assertEquals(3, e.line());
    }

    @Test
    void aMissingFileIsBadInput(@TempDir Path files) {
        FanoutException e =
                assertThrows(FanoutException.class, () -> js.bridge().evaluateFile(files.resolve("nope.js")));
        assertEquals("script file " + files.resolve("nope.js") + " not found", e.getMessage());
        assertEquals(FanoutException.BAD_INPUT, e.exitCode());
    }

    @Test
    void anErrorRaisedLaterInsideAFunctionNamesTheFileThatDefinedIt(@TempDir Path files) throws Exception {
        Path file = Files.writeString(
                files.resolve("merge.js"),
                "fanout.registerMerge('bad', function (outputs) {\n  return outputs.nothing.length;\n});\n");
        js.bridge().evaluateFile(file);
        FanoutException e = assertThrows(
                FanoutException.class,
                () -> js.bridge().registry().mergeStrategy("bad").orElseThrow().merge(java.util.List.of()));
        assertEquals(
                "merge strategy 'bad' (" + file + ") failed: " + file
                        + ":2: TypeError: Cannot read property \"length\" from undefined",
                e.getMessage());
    }

    @Test
    void aScriptCanCatchFanoutErrorsAsJavaScriptErrors() {
        assertEquals(
                "Error|fanout.results: no run 'zz'",
                js.eval("try { fanout.results('zz') } catch (e) { e.name + '|' + e.message }")
                        .asText());
    }
}
