package dev.fanout.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** When JavaScript typed at the prompt is a whole entry, and when it wants another line. */
class JsInputTest {
    @ParameterizedTest
    @ValueSource(
            strings = {
                "fanout.registerMerge('x', function (outputs) {",
                "[1, 2,",
                "f(1,",
                "`a ${b",
                "`line one",
                "1 +",
                "a &&",
                "x =",
                "cond ?",
                "fanout.",
                "/* a comment",
                "({a: {b: 1}",
                "'abc\\",
                "x => ",
            })
    void anUnfinishedEntryWantsMore(String code) {
        assertFalse(JsInput.isComplete(code), code);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "1 + 2",
                "fanout.registerMerge('x', function (o) {\n  return o;\n})",
                "'{' + \"(\" + `[`",
                "// a comment with {\nx",
                "/* ( */ 1",
                "x++",
                "i--",
                "'a'.replace(/[{(]/g, '')",
                "var re = /\\//; re",
                "`a ${ {b: 1}.b } c`",
                "a / b / c",
                "}",
                "'unterminated",
                "",
            })
    void aWholeEntryOrAWrongOneRunsNow(String code) {
        assertTrue(JsInput.isComplete(code), code);
    }
}
