package dev.fanout;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;

/**
 * Reads the value at a streaming parser's current token as a tree, without an ObjectMapper.
 * Reading task and config files this way keeps Jackson's ObjectMapper, about 50 ms to build on
 * a cold JVM, out of commands that print no JSON, and it is faster per value than
 * {@code readValueAsTree}, whose lookups through the mapper were a large part of reading a
 * million tasks. The parser still enforces its limits and its duplicate-key check.
 */
public final class JsonTree {
    private JsonTree() {}

    /** The value starting at the parser's current token; the parser is left on its last token. */
    public static JsonNode read(JsonParser parser) throws IOException {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        JsonToken token = parser.currentToken();
        if (token == null) {
            throw new IllegalStateException("the parser is not on a value");
        }
        switch (token) {
            case VALUE_STRING:
                return nodes.textNode(parser.getText());
            case VALUE_NUMBER_INT:
                return switch (parser.getNumberType()) {
                    case INT -> nodes.numberNode(parser.getIntValue());
                    case LONG -> nodes.numberNode(parser.getLongValue());
                    default -> nodes.numberNode(parser.getBigIntegerValue());
                };
            case VALUE_NUMBER_FLOAT:
                return nodes.numberNode(parser.getDoubleValue());
            case VALUE_TRUE:
            case VALUE_FALSE:
                return nodes.booleanNode(parser.getBooleanValue());
            case VALUE_NULL:
                return nodes.nullNode();
            case START_ARRAY: {
                ArrayNode array = nodes.arrayNode();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    array.add(read(parser));
                }
                return array;
            }
            case START_OBJECT: {
                ObjectNode object = nodes.objectNode();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    parser.nextToken();
                    object.set(name, read(parser));
                }
                return object;
            }
            case VALUE_EMBEDDED_OBJECT: {
                // YAML's !!binary, the one embedded value its parser gives
                Object embedded = parser.getEmbeddedObject();
                return embedded instanceof byte[] bytes ? nodes.binaryNode(bytes) : nodes.pojoNode(embedded);
            }
            default:
                throw new IllegalStateException("not the start of a value: " + token);
        }
    }
}
