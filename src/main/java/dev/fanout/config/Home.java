package dev.fanout.config;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fanout.FanoutException;
import dev.fanout.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * fanout's home folder ({@code $FANOUT_HOME}, default {@code ~/.fanout}, or {@code --home}) and
 * where each thing lives in it. Nothing is created until something is written.
 */
public record Home(Path root) {
    /** A repeated key in config.json is an error, as in tasks files: which one was meant is unknown. */
    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    public Home {
        root = root.toAbsolutePath().normalize();
    }

    /** The home named by {@code --home}, else {@code $FANOUT_HOME}, else {@code ~/.fanout}. */
    public static Home resolve(Path override, Map<String, String> env) {
        if (override != null) {
            return new Home(override);
        }
        String fromEnv = env.get("FANOUT_HOME");
        if (fromEnv != null && !fromEnv.isBlank()) {
            return new Home(Path.of(fromEnv));
        }
        return new Home(Path.of(System.getProperty("user.home"), ".fanout"));
    }

    public Path configFile() {
        return root.resolve("config.json");
    }

    public Path skillsDir() {
        return root.resolve("skills");
    }

    public Path agentsDir() {
        return root.resolve("agents");
    }

    public Path tempDir() {
        return root.resolve("temp");
    }

    public Path tempSkillsDir() {
        return tempDir().resolve("skills");
    }

    public Path tempAgentsDir() {
        return tempDir().resolve("agents");
    }

    public Path registryFile() {
        return tempDir().resolve("registry.json");
    }

    public Path runsDir() {
        return root.resolve("runs");
    }

    public Path sessionsDir() {
        return root.resolve("sessions");
    }

    /** The result cache: entries by key, and each task's last key. */
    public Path cacheDir() {
        return root.resolve("cache");
    }

    public Path historyFile() {
        return root.resolve("history");
    }

    /**
     * The configuration from defaults and this home's {@code config.json}, when there is one.
     *
     * @throws FanoutException (bad input) naming the file, and the line and column where it can, when
     *     it is empty, not valid JSON, not an object, repeats a key, or holds an unknown key or a wrong value
     */
    public Config loadConfig() {
        Config config = Config.defaults();
        Path file = configFile();
        if (!Files.isRegularFile(file)) {
            return config;
        }
        ObjectNode settings = JsonNodeFactory.instance.objectNode();
        Map<String, String> positions = new LinkedHashMap<>();
        try (JsonParser parser = JSON.createParser(file.toFile())) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw FanoutException.badInput(file + ": the file is empty; write an object of settings such as "
                        + "{\"max_parallel_tasks\": 4}, or delete it");
            }
            if (first != JsonToken.START_OBJECT) {
                throw FanoutException.badInput(at(file, parser.currentTokenLocation())
                        + ": config must be an object of settings, not " + ConfigKey.describe(Json.read(parser)));
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                positions.put(parser.currentName(), at(file, parser.currentTokenLocation()));
                String key = parser.currentName();
                parser.nextToken();
                settings.set(key, Json.read(parser));
            }
            if (parser.nextToken() != null) {
                throw FanoutException.badInput(
                        at(file, parser.currentTokenLocation()) + ": unexpected content after the settings object");
            }
        } catch (JsonProcessingException e) {
            String problem = e.getOriginalMessage()
                    .lines()
                    .findFirst()
                    .orElse("syntax error")
                    .replaceAll("\\[Source: [^;\\]]*; line: (\\d+), column: (\\d+)]", "line $1, column $2");
            throw FanoutException.badInput(at(file, e.getLocation()) + ": not valid JSON: " + problem);
        } catch (IOException e) {
            throw FanoutException.badInput(file + ": cannot read: " + e.getMessage());
        }
        return config.withJson(file.toString(), settings, positions);
    }

    private static String at(Path file, JsonLocation loc) {
        return loc == null || loc.getLineNr() < 1
                ? file.toString()
                : file + ":" + loc.getLineNr() + ":" + loc.getColumnNr();
    }
}
