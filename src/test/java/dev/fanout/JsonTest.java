package dev.fanout;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class JsonTest {
    private static JsonNode read(JsonFactory factory, String text) throws IOException {
        try (JsonParser p = factory.createParser(text)) {
            p.nextToken();
            return Json.read(p);
        }
    }

    @Test
    void readsTheSameTreeAsJacksonsMapperWithoutOne() throws IOException {
        String text = "{\"a\": [1, 2.5, 12345678901, 123456789012345678901234567890, true, null, \"x\"],"
                + " \"b\": {\"c\": {}, \"d\": []}}";

        assertEquals(new ObjectMapper().readTree(text), read(new JsonFactory(), text));
    }

    @Test
    void leavesTheParserOnTheValuesLastTokenSoTheCallerReadsOn() throws IOException {
        try (JsonParser p = new JsonFactory().createParser("[{\"a\": 1}, 2]")) {
            p.nextToken();
            p.nextToken();
            assertEquals(1, Json.read(p).get("a").asInt());
            p.nextToken();
            assertEquals(2, Json.read(p).asInt());
        }
    }

    @Test
    void yamlBinaryBecomesABinaryNode() throws IOException {
        JsonNode node = read(new YAMLFactory(), "data: !!binary aGVsbG8=\n");

        assertTrue(node.get("data").isBinary());
        assertArrayEquals(
                "hello".getBytes(StandardCharsets.US_ASCII), node.get("data").binaryValue());
    }
}
