package dev.fanout;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;

/**
 * JSON in one place: the program's one ObjectMapper, built on first use, and the readers and
 * writers around it.
 *
 * <p>Building an ObjectMapper costs about 50 ms on a cold JVM, so what a command does before its
 * first useful result (reading task and config files, starting the first tasks) reads with
 * {@link #read(JsonParser)}, which needs no mapper and is faster per value than
 * {@code readValueAsTree}; the mapper is left to later work, such as writing run records on their
 * own thread. Jackson's mappers are safe to share between threads once configured, and this one
 * is never reconfigured.
 */
public final class Json {
    private Json() {}

    private static final class Holder {
        static final ObjectMapper MAPPER = new ObjectMapper();
    }

    /** The program's one plain mapper. */
    public static ObjectMapper mapper() {
        return Holder.MAPPER;
    }

    /** A node as indented JSON text, as commands print it. */
    public static String pretty(JsonNode node) {
        try {
            return mapper().writerWithDefaultPrettyPrinter().writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** JSON text as a tree; null text is a missing node (how a script's {@code undefined} crosses). */
    public static JsonNode parseOrMissing(String text) {
        if (text == null) {
            return MissingNode.getInstance();
        }
        try {
            return mapper().readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("JSON that does not parse: " + e.getOriginalMessage(), e);
        }
    }

    /** The compact text of a node; null for null or a missing node. */
    public static String writeOrNull(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return null;
        }
        try {
            return mapper().writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The value at a streaming parser's current token as a tree, without a mapper; the parser
     * is left on the value's last token and still enforces its limits and duplicate-key check.
     */
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
