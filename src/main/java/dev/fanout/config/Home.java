package dev.fanout.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fanout.FanoutException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * fanout's home folder ({@code $FANOUT_HOME}, default {@code ~/.fanout}, or {@code --home}) and
 * where each thing lives in it. Nothing is created until something is written.
 */
public record Home(Path root) {

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

    public Path historyFile() {
        return root.resolve("history");
    }

    /**
     * The configuration from defaults and this home's {@code config.json}, when there is one.
     *
     * @throws FanoutException (bad input) naming the file when it is not valid JSON or holds a bad key
     */
    public Config loadConfig() {
        Config config = Config.defaults();
        Path file = configFile();
        if (!Files.isRegularFile(file)) {
            return config;
        }
        JsonNode node;
        try {
            node = new ObjectMapper().readTree(file.toFile());
        } catch (JsonProcessingException e) {
            var loc = e.getLocation();
            String where = loc == null ? "" : ":" + loc.getLineNr() + ":" + loc.getColumnNr();
            throw FanoutException.badInput(file + where + ": not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw FanoutException.badInput(file + ": cannot read: " + e.getMessage());
        }
        return config.withJson(file.toString(), node);
    }
}
