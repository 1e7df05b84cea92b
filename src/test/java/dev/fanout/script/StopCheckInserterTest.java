package dev.fanout.script;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openjdk.nashorn.internal.runtime.ParserException;

/** Where the stop checks go, and what must never be touched. */
class StopCheckInserterTest {
    private final StopCheckInserter inserter = new StopCheckInserter();

    private String instrument(String source) {
        return inserter.instrument("t.js", source, false).text().replace("__fanout_check__()", "C()");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "while (a) { b(); }                       | while (a) {C(); b(); }",
                "for (;;);                                | for (;;)C();",
                "for (let i = 0; i < 3; i++) { x }        | for (let i = 0; i < 3; i++) {C(); x }",
                "for (const v of list) y++;               | for (const v of list) C(),y++;",
                "for (var k in o) {}                      | for (var k in o) {C();}",
                "do x++; while (x < 9)                    | do C(),x++; while (x < 9)",
                "while (a) 'x'.length;                    | while (a) C(),'x'.length;",
                "while (a) (b)++;                         | while (a) C(),(b)++;",
                "while (a) if (b) c(); else d();          | while (a) {C();if (b) c(); else d();}",
                "while (a) if (b) c = 's;'                | while (a) if (b) c = 's;'",
                "while (a) for (;;) x++;                  | while (a) {C();for (;;) C(),x++;}",
                "function f() { return 1; }               | function f() {C(); return 1; }",
                "function f() {}                          | function f() {}",
                "function f() { 'use strict'; return 1; } | function f() { 'use strict';C();; return 1; }",
                "var g = function () { x(); }             | var g = function () {C(); x(); }",
                "var h = x => x * 2                       | var h = x => x * 2",
                "var h = x => ({a: x})                    | var h = x => ({a: x})",
                "var k = (x) => { return x; }             | var k = (x) => {C(); return x; }",
                "var o = { m() { return 1 }, get z() { return 2 } } | var o = { m() {C(); return 1 }, get z() {C(); return 2 } }",
                "var s = 'while (true) {}'                | var s = 'while (true) {}'",
            })
    void checksGoAtTheTopOfLoopAndFunctionBodies(String source, String expected) {
        assertEquals(expected, instrument(source));
    }

    @Test
    void topLevelLetAndConstBecomeVarOfTheSameWidth() {
        String source =
                "const a = 1, b = 2;\n  let c;\n{ let d = 1; }\nfunction f() { const e = 1; return e; }\nfor (let i = 0; i < 1; i++) {}";
        String text = inserter.instrument("t.js", source, true).text().replace("__fanout_check__()", "C()");
        assertEquals(
                "var   a = 1, b = 2;\n  var c;\n{ let d = 1; }\nfunction f() {C(); const e = 1; return e; }\nfor (let i = 0; i < 1; i++) {C();}",
                text);
    }

    @Test
    void lineNumbersAreKeptAndColumnsMappedBack() {
        String source = "var n = 0;\nfor (;;) { if (n++ > 2) throw new Error('x'); }\n";
        StopCheckInserter.Instrumented code = inserter.instrument("t.js", source, true);
        assertEquals(source.lines().count(), code.text().lines().count());
        int instrumentedThrow = code.text().lines().toList().get(1).indexOf("throw");
        assertEquals(source.lines().toList().get(1).indexOf("throw"), code.originalColumn(2, instrumentedThrow));
        assertEquals(5, code.originalColumn(2, 5), "before the insertion nothing moves");
    }

    @Test
    void aWrapperPrefixIsMappedBackToo() {
        StopCheckInserter.Instrumented code = inserter.instrument("t.js", "(", "t => { throw 1; }", "\n)", false);
        assertEquals("(t => {__fanout_check__(); throw 1; }\n)", code.text());
        assertEquals(7, code.originalColumn(1, code.text().indexOf("throw")));
    }

    @Test
    void syntaxErrorsKeepTheSourcePositions() {
        ParserException e =
                assertThrows(ParserException.class, () -> inserter.instrument("t.js", "x;\n  var = 1;", true));
        assertEquals(2, e.getLineNumber());
        assertEquals(6, e.getColumnNumber());
    }
}
