package dev.fanout.task;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import dev.fanout.Json;
import dev.fanout.LocatedException;
import dev.fanout.Location;
import dev.fanout.Names;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Reads a tasks file (JSON, or YAML by its {@code .yaml}/{@code .yml} extension): a bare array of
 * tasks, or an object with {@code tasks} and an optional {@code config}. Reads as a stream, so a
 * large file costs the tasks it holds and not a tree of it, and every error names its line and column.
 */
public final class TaskFileReader {
    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
    /** Made on first use: JSON files never load SnakeYAML. */
    private static final class Yaml {
        static final YAMLFactory FACTORY = yamlFactory();
    }
    /** Longest YAML line: SnakeYAML reads 1 MB in a quarter second, 4 MB in seconds (it is quadratic). */
    static final int YAML_LINE_LIMIT = 1_000_000;

    private static final StreamReadConstraints LIMITS = StreamReadConstraints.defaults();

    private static YAMLFactory yamlFactory() {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(Integer.MAX_VALUE); // SnakeYAML's 3 MB default would refuse big task graphs
        return YAMLFactory.builder()
                .loaderOptions(options)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();
    }

    /**
     * Reads and validates a tasks file: fields, types, ids and dependencies (not cycles: the graph finds those).
     *
     * @throws LocatedException for anything wrong with the file, naming where
     */
    public TaskSet read(Path path) {
        String name = path.toString();
        if (!Files.exists(path)) {
            throw LocatedException.tasksFile(name, 0, 0, "no such file; check the path");
        }
        if (Files.isDirectory(path)) {
            throw LocatedException.tasksFile(name, 0, 0, "is a folder, not a tasks file; name a .json or .yaml file");
        }
        try (InputStream in = Files.newInputStream(path)) {
            return read(name, in, isYaml(path), path.toAbsolutePath().getParent());
        } catch (IOException e) {
            throw LocatedException.tasksFile(
                    name,
                    0,
                    0,
                    "cannot read: " + (e instanceof AccessDeniedException ? "permission denied" : e.getMessage()));
        }
    }

    /** Reads tasks from a stream; {@code name} is used in messages and positions. */
    public TaskSet read(String name, InputStream in, boolean yaml) {
        return read(name, in, yaml, null);
    }

    /**
     * Reads tasks from a stream; {@code name} is used in messages and positions, and relative paths
     * of tasks ({@code cwd}, a {@code script} file, {@code inputs}) are made absolute against {@code base}
     * (the file's folder), or kept as written when it is null.
     */
    public TaskSet read(String name, InputStream in, boolean yaml, Path base) {
        JsonFactory factory = yaml ? Yaml.FACTORY : JSON;
        JsonParser parser = null;
        try {
            parser = yaml
                    ? new YamlAliases((YAMLParser) factory.createParser(new LineLengthLimit(in, YAML_LINE_LIMIT)))
                    : factory.createParser(in);
            try (JsonParser p = parser) {
                return new Parse(name, p, base).file();
            }
        } catch (StreamConstraintsException e) {
            throw tooLarge(name, parser, e);
        } catch (JsonProcessingException e) {
            LineLengthLimit.LineTooLongException tooLong = causeOf(e, LineLengthLimit.LineTooLongException.class);
            if (tooLong != null) {
                throw LocatedException.tasksFile(
                        name,
                        tooLong.line(),
                        0,
                        "the line is longer than " + tooLong.limit()
                                + " bytes, more than the YAML reader takes; break long text over lines (a | block) or keep it in a file");
            }
            if (e.getCause() instanceof MarkedYAMLException y) {
                throw yamlError(name, y);
            }
            JsonLocation loc = e.getLocation();
            throw LocatedException.tasksFile(
                    name,
                    loc == null ? 0 : loc.getLineNr(),
                    loc == null ? 0 : loc.getColumnNr(),
                    (yaml ? "not valid YAML: " : "not valid JSON: ") + plain(e.getOriginalMessage()));
        } catch (LineLengthLimit.LineTooLongException e) {
            throw LocatedException.tasksFile(
                    name,
                    e.line(),
                    0,
                    "the line is longer than " + e.limit()
                            + " bytes, more than the YAML reader takes; break long text over lines (a | block) or keep it in a file");
        } catch (IOException e) {
            throw LocatedException.tasksFile(
                    name,
                    0,
                    0,
                    "cannot read: " + (e instanceof AccessDeniedException ? "permission denied" : e.getMessage()));
        }
    }

    private static <T extends Throwable> T causeOf(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    /** SnakeYAML's first line is the context ("while parsing a flow sequence"); the problem comes after. */
    private static LocatedException yamlError(String name, MarkedYAMLException y) {
        Mark at = y.getProblemMark() != null ? y.getProblemMark() : y.getContextMark();
        String problem =
                y.getProblem() == null ? plain(y.getMessage()) : y.getProblem().strip();
        if (y.getContext() != null && y.getContextMark() != null) {
            problem += " (" + y.getContext().strip() + " that starts at line "
                    + (y.getContextMark().getLine() + 1) + ")";
        }
        return LocatedException.tasksFile(
                name,
                at == null ? 0 : at.getLine() + 1,
                at == null ? 0 : at.getColumn() + 1,
                "not valid YAML: " + problem);
    }

    /** A Jackson limit hit outside any task (in the config, or the file's shape), at the parser's place. */
    private static LocatedException tooLarge(String name, JsonParser parser, StreamConstraintsException e) {
        JsonLocation at = e.getLocation() != null ? e.getLocation() : parser == null ? null : parser.currentLocation();
        return LocatedException.tasksFile(
                name, at == null ? 0 : at.getLineNr(), at == null ? 0 : at.getColumnNr(), limitProblem(e));
    }

    /**
     * Jackson's limits (a 20M-character string, nesting 1000 deep) guard memory; this says which
     * was hit in the user's words, e.g. "is longer than 20000000 characters; …".
     */
    static String limitProblem(StreamConstraintsException e) {
        String m = e.getOriginalMessage();
        if (m.startsWith("String value length")) {
            return "a text value is longer than " + LIMITS.getMaxStringLength()
                    + " characters; keep large text (prompts, scripts) in a file and refer to it";
        }
        if (m.startsWith("Document nesting depth")) {
            return "values are nested more than " + LIMITS.getMaxNestingDepth() + " levels deep";
        }
        return "a value is too large: " + plain(m).replaceAll(" \\(from `.*`\\)", "");
    }

    /** The first line of a parser message, with its "[Source: REDACTED …; line: 1, column: 2]" as "line 1, column 2". */
    static String plain(String message) {
        return dev.fanout.Location.parserMessage(message);
    }

    static boolean isYaml(Path path) {
        String n = path.getFileName().toString().toLowerCase();
        return n.endsWith(".yaml") || n.endsWith(".yml");
    }

    /** One pass over one file. */
    private static final class Parse {
        private final String name;
        private final JsonParser parser;
        private final Path base;

        Parse(String name, JsonParser parser, Path base) {
            this.base = base;
            this.name = name;
            this.parser = parser;
        }

        TaskSet file() throws IOException {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw LocatedException.tasksFile(name, 0, 0, "the file is empty; it needs a list of tasks");
            }
            List<Task> tasks;
            JsonNode config = null;
            Map<String, Location> configPositions = new LinkedHashMap<>();
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
                        default ->
                            throw error(
                                    at,
                                    "unknown top-level field '" + field + "'"
                                            + Names.closest(field, List.of("tasks", "config"))
                                                    .map(c -> " (did you mean '" + c + "'?)")
                                                    .orElse("; a tasks file holds 'tasks' and an optional 'config'"));
                    }
                }
                if (tasks == null) {
                    throw error(
                            parser.currentTokenLocation(), "no 'tasks' list; give the tasks under \"tasks\": [...]");
                }
            } else {
                throw error(
                        parser.currentTokenLocation(),
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

        private JsonNode configObject(Map<String, Location> positions) throws IOException {
            var node = JsonNodeFactory.instance.objectNode();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String key = parser.currentName();
                positions.put(key, position(parser.currentTokenLocation()));
                parser.nextToken();
                node.set(key, Json.read(parser));
            }
            return node;
        }

        private final Repeats repeats = new Repeats();
        private FieldValues shared;

        private List<Task> taskArray() throws IOException {
            if (shared == null) {
                shared = new FieldValues(base);
            }
            List<Task> tasks = new ArrayList<>();
            JsonToken token;
            while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
                if (token == null) {
                    throw error(parser.currentLocation(), "the file ends inside the list of tasks");
                }
                if (token != JsonToken.START_OBJECT) {
                    throw error(
                            parser.currentTokenLocation(),
                            "task #" + (tasks.size() + 1) + " must be an object with an id, not " + describe(token));
                }
                TaskFields fields =
                        new TaskFields(name, tasks.size() + 1, position(parser.currentTokenLocation()), base, shared);
                Task task = fields.read(parser);
                repeats.add(task, fields.repeat(), fields.repeatAt());
                tasks.add(task);
            }
            return repeats.expand(tasks);
        }

        private LocatedException error(JsonLocation at, String problem) {
            return LocatedException.tasksFile(
                    name, at == null ? 0 : at.getLineNr(), at == null ? 0 : at.getColumnNr(), problem);
        }

        private Location position(JsonLocation at) {
            return new Location(name, at.getLineNr(), at.getColumnNr());
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
