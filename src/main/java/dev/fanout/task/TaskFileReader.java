package dev.fanout.task;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.fanout.Names;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * Reads a tasks file (JSON, or YAML by its {@code .yaml}/{@code .yml} extension): a bare array of
 * tasks, or an object with {@code tasks} and an optional {@code config}. Reads as a stream, so a
 * large file costs the tasks it holds and not a tree of it, and every error names its line and column.
 */
public final class TaskFileReader {
    private static final ObjectMapper JSON = new ObjectMapper(
            JsonFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build());
    private static final ObjectMapper YAML = new ObjectMapper(yamlFactory());

    private static YAMLFactory yamlFactory() {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(Integer.MAX_VALUE); // SnakeYAML's 3 MB default would refuse big task graphs
        return YAMLFactory.builder().loaderOptions(options)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
    }

    /**
     * Reads and validates a tasks file: fields, types, ids and dependencies (not cycles: the graph finds those).
     *
     * @throws TaskFileException for anything wrong with the file, naming where
     */
    public TaskSet read(Path path) {
        String name = path.toString();
        if (!Files.exists(path)) {
            throw new TaskFileException(name, 0, 0, "no such file; check the path");
        }
        if (Files.isDirectory(path)) {
            throw new TaskFileException(name, 0, 0, "is a folder, not a tasks file; name a .json or .yaml file");
        }
        try (InputStream in = Files.newInputStream(path)) {
            return read(name, in, isYaml(path));
        } catch (IOException e) {
            throw new TaskFileException(name, 0, 0, "cannot read: " + e.getMessage());
        }
    }

    /** Reads tasks from a stream; {@code name} is used in messages and positions. */
    public TaskSet read(String name, InputStream in, boolean yaml) {
        JsonFactory factory = (yaml ? YAML : JSON).getFactory();
        try (JsonParser parser = factory.createParser(in)) {
            return new Parse(name, parser).file();
        } catch (JsonProcessingException e) {
            JsonLocation loc = e.getLocation();
            String what = e.getOriginalMessage().lines().findFirst().orElse("syntax error");
            throw new TaskFileException(name, loc == null ? 0 : loc.getLineNr(), loc == null ? 0 : loc.getColumnNr(),
                    (yaml ? "not valid YAML: " : "not valid JSON: ") + what);
        } catch (IOException e) {
            throw new TaskFileException(name, 0, 0, "cannot read: " + e.getMessage());
        }
    }

    static boolean isYaml(Path path) {
        String n = path.getFileName().toString().toLowerCase();
        return n.endsWith(".yaml") || n.endsWith(".yml");
    }

    /** One pass over one file. */
    private static final class Parse {
        private final String name;
        private final JsonParser parser;

        Parse(String name, JsonParser parser) {
            this.name = name;
            this.parser = parser;
        }

        TaskSet file() throws IOException {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw error(parser.currentTokenLocation(), "the file is empty; it needs a list of tasks");
            }
            List<Task> tasks;
            JsonNode config = null;
            Map<String, Task.Position> configPositions = new LinkedHashMap<>();
            if (first == JsonToken.START_ARRAY) {
                tasks = taskArray();
            } else if (first == JsonToken.START_OBJECT) {
                tasks = null;
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String field = parser.currentName();
                    JsonLocation at = parser.currentTokenLocation();
                    JsonToken value = parser.nextToken();
                    switch (field) {
                        case "tasks" -> {
                            if (value != JsonToken.START_ARRAY) {
                                throw error(parser.currentTokenLocation(), "'tasks' must be a list of tasks");
                            }
                            tasks = taskArray();
                        }
                        case "config" -> {
                            if (value != JsonToken.START_OBJECT) {
                                throw error(parser.currentTokenLocation(), "'config' must be an object of settings");
                            }
                            config = configObject(configPositions);
                        }
                        default -> throw error(at, "unknown top-level field '" + field + "'"
                                + Names.closest(field, List.of("tasks", "config")).map(c -> " (did you mean '" + c + "'?)")
                                        .orElse("; a tasks file holds 'tasks' and an optional 'config'"));
                    }
                }
                if (tasks == null) {
                    throw error(parser.currentTokenLocation(), "no 'tasks' list; give the tasks under \"tasks\": [...]");
                }
            } else {
                throw error(parser.currentTokenLocation(),
                        "a tasks file is a list of tasks or an object with 'tasks', not " + describe(first));
            }
            JsonToken trailing = parser.nextToken();
            if (trailing != null) {
                throw error(parser.currentTokenLocation(), "unexpected content after the tasks");
            }
            TaskSet set = new TaskSet(name, tasks, config, configPositions);
            set.validateReferences();
            return set;
        }

        private JsonNode configObject(Map<String, Task.Position> positions) throws IOException {
            var node = JSON.createObjectNode();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String key = parser.currentName();
                positions.put(key, position(parser.currentTokenLocation()));
                parser.nextToken();
                node.set(key, parser.readValueAsTree());
            }
            return node;
        }

        private List<Task> taskArray() throws IOException {
            List<Task> tasks = new ArrayList<>();
            JsonToken token;
            while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
                if (token == null) {
                    throw error(parser.currentLocation(), "the file ends inside the list of tasks");
                }
                if (token != JsonToken.START_OBJECT) {
                    throw error(parser.currentTokenLocation(),
                            "task #" + (tasks.size() + 1) + " must be an object with an id, not " + describe(token));
                }
                tasks.add(new TaskFields(name, tasks.size() + 1, position(parser.currentTokenLocation())).read(parser));
            }
            return tasks;
        }

        private TaskFileException error(JsonLocation at, String problem) {
            return new TaskFileException(name, at == null ? 0 : at.getLineNr(), at == null ? 0 : at.getColumnNr(), problem);
        }

        private Task.Position position(JsonLocation at) {
            return new Task.Position(name, at.getLineNr(), at.getColumnNr());
        }
    }

    static String describe(JsonToken token) {
        return switch (token) {
            case START_ARRAY -> "a list";
            case START_OBJECT -> "an object";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> token.asString() == null ? token.name().toLowerCase() : token.asString();
        };
    }
}
