package dev.fanout.script;

import static dev.fanout.script.BridgeFixture.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JsonCrossingTest {
    @RegisterExtension
    static final SharedBridge js = new SharedBridge();

    @Test
    void integralNumbersArriveAsIntegers() {
        JsonNode v = js.eval("1 + 2");
        assertTrue(v.isIntegralNumber(), v.getNodeType().toString());
        assertEquals("3", v.toString());
        assertEquals(
                "{\"a\":6,\"b\":0.5,\"c\":-7}",
                js.eval("({a: 2 * 3, b: 1 / 2, c: -7.0})").toString());
    }

    @Test
    void arraysAndNestedObjectsKeepTheirShape() {
        JsonNode v = js.eval("({list: [1, 'two', [3], {four: 4}], empty: [], nested: {deep: {er: true}}})");
        assertTrue(v.get("list").isArray());
        assertEquals("[1,\"two\",[3],{\"four\":4}]", v.get("list").toString());
        assertTrue(v.get("empty").isArray());
        assertEquals(true, v.at("/nested/deep/er").asBoolean());
    }

    @Test
    void undefinedIsAbsent() {
        assertEquals(
                "{\"kept\":1}",
                js.eval("({kept: 1, gone: undefined, fn: function () {}})").toString());
        assertTrue(js.eval("undefined").isMissingNode());
        assertFalse(js.bridge().evaluate("(function () {})()").hasValue());
        assertTrue(js.eval("null").isNull());
        assertEquals("[1,null]", js.eval("[1, undefined]").toString(), "in arrays, as JSON.stringify does");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "NaN | null",
                "[Infinity, -Infinity] | [null,null]",
                "1e21 | 1.0E21",
                "2e15 | 2000000000000000",
                "-0 | 0",
                "\"caf\\u00e9\\n\" | \"café\\n\"",
                "new Date(0) | \"1970-01-01T00:00:00.000Z\"",
                "new Map([[1, 2]]) | {}",
            })
    void edgeValuesBecomeSensibleJson(String expression, String expected) {
        assertEquals(expected, js.eval(expression).toString());
    }

    @Test
    void hostJsonBecomesNativeJavaScriptValues() {
        js.host().task("{\"id\": \"a\", \"estimated_seconds\": 5, \"depends_on\": [], \"env\": {\"K\": \"v\"}}");
        try {
            JsonNode v = js.eval(
                    "var t = fanout.tasks(); ({isArray: Array.isArray(t), deps: Array.isArray(t[0].depends_on),"
                            + " integer: t[0].estimated_seconds % 1 === 0, sum: t[0].estimated_seconds + 1,"
                            + " json: JSON.stringify(t[0].env), proto: Object.getPrototypeOf(t[0]) === Object.prototype})");
            assertEquals(
                    json(
                            "{\"isArray\":true,\"deps\":true,\"integer\":true,\"sum\":6,\"json\":\"{\\\"K\\\":\\\"v\\\"}\",\"proto\":true}"),
                    v);
        } finally {
            js.host().tasks.removeAll();
        }
    }

    @Test
    void objectsSentToTheHostArriveAsJson() {
        js.eval(
                "fanout.addTask({id: 'x', command: ['echo', 'hi'], estimated_seconds: 2 + 1, skip: undefined, meta: {n: [1.5]}})");
        try {
            JsonNode added = js.host().tasks.get(0);
            assertEquals(
                    "{\"id\":\"x\",\"command\":[\"echo\",\"hi\"],\"estimated_seconds\":3,\"meta\":{\"n\":[1.5]}}",
                    added.toString());
            assertTrue(added.get("estimated_seconds").isInt());
        } finally {
            js.host().tasks.removeAll();
        }
    }
}
